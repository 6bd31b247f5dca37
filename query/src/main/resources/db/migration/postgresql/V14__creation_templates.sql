-- The repository creation templates as they are now (a view: rebuilt from the events like any other).
create table creation_template (
    prefix varchar(256) not null,
    description varchar(256),
    image_tag_mutability varchar(32) not null,
    exclusion_filters varchar(1000) not null,
    applied_for varchar(100) not null,
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    primary key (prefix)
);
