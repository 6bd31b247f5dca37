-- Each live repository's settings beyond its tag rules: its lifecycle policy, its resource tags, and
-- the scanning and encryption settings it was given (a view: rebuilt from the events like any other).
create table repository_setting (
    repository_name varchar(256) not null,
    lifecycle_policy varchar(30720),
    lifecycle_policy_set_at timestamp(6) with time zone,
    resource_tags varchar(32000) not null,
    scan_on_push boolean not null,
    encryption_type varchar(16) not null,
    kms_key varchar(2048),
    primary key (repository_name)
);

-- Before this view, no repository had any of these settings: each live one has the defaults.
insert into repository_setting (repository_name, resource_tags, scan_on_push, encryption_type)
    select name, '{}', false, 'AES256' from repository_view;
