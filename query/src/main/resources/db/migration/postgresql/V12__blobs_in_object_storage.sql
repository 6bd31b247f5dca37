-- Blobs kept in S3-compatible object storage (tagledger.blobs.store=s3), which every node shares: what
-- the file store keeps as files beside its blobs is kept here, in the database the nodes share too.

-- Each blob the object store holds, by digest. A blob's row is written (stored = false) before its
-- object, and marked stored once the object is in place; a collection deletes an object only while it
-- holds the row's lock, and only if the row is older than the grace period and nothing links it.
create table blob_object (
    digest varchar(80) not null,
    size bigint not null,
    stored boolean not null,
    stored_at timestamp(6) with time zone not null,
    primary key (digest)
);

-- Which repository may read which blob, since when it was made or last named by a push.
create table blob_link (
    repository_name varchar(256) not null,
    digest varchar(80) not null,
    touched_at timestamp(6) with time zone not null,
    primary key (repository_name, digest)
);
create index blob_link_digest on blob_link (digest);

-- Upload sessions: any node may take any chunk, which becomes an object of its own (a segment).
create table blob_upload (
    id varchar(64) not null,
    repository_name varchar(256) not null,
    size bigint not null,
    updated_at timestamp(6) with time zone not null,
    primary key (id)
);

create table blob_upload_segment (
    upload_id varchar(64) not null,
    start_offset bigint not null,
    object_key varchar(512) not null,
    size bigint not null,
    sha256 varchar(64) not null,
    primary key (upload_id, start_offset)
);
