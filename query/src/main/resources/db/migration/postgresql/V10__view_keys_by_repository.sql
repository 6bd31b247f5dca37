-- The views' primary keys lead with the repository, as every read of them does: the indexes that V5
-- added beside keys led by the digest and the tag go, one index less to write per image and per tag.
alter table image_view drop constraint image_view_pkey;
alter table image_view add primary key (repository_name, digest);
drop index image_view_repository_digest;
alter table tag_view drop constraint tag_view_pkey;
alter table tag_view add primary key (repository_name, tag);
drop index tag_view_repository_tag;
