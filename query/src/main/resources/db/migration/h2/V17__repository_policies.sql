-- Each repository's policy, in IAM's policy language, as it was given.
alter table repository_setting add column repository_policy varchar(10240);
