-- Each repository's trust policy, as JSON (mode, tags, and the trusted keys and certificates as PEM); null when it never had one.
alter table repository_setting add column trust_policy text;
-- The trust policy a repository creation template gives the repositories it creates; null for none.
alter table creation_template add column trust_policy text;
