-- Blobs may be named by sha512 digests (7 + 128 characters) as well as sha256 ones.
alter table blob_object alter column digest set data type varchar(140);
alter table blob_link alter column digest set data type varchar(140);
