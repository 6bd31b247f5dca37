-- Each repository's trust policy, as JSON (mode, tags, and the trusted keys and certificates as PEM); null when it never had one.
alter table repository_setting add column trust_policy text;
