-- A repository's images and tags are listed in digest and tag order, a page at a time (keyset paging).
-- The primary keys lead with the digest and the tag, so a page was found by scanning every repository's
-- rows in that order and keeping one repository's; these indexes find it directly.
create index image_view_repository_digest on image_view (repository_name, digest);
create index tag_view_repository_tag on tag_view (repository_name, tag);
