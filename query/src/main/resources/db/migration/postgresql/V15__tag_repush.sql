-- A repository may accept a tag's digest again (imageTagRepush); every repository before refused it.
alter table repository_view add column tag_repush varchar(32) default 'REFUSE' not null;
alter table repository_history add column tag_repush varchar(32) default 'REFUSE' not null;
-- Tag protection gains values: the view keeps its name as text, as the history does.
alter table repository_view drop constraint if exists repository_view_tag_protection_check;
