-- Running numbers in the image periods, so that a point-in-time read counts a repository's images with
-- two index reads instead of a scan of every period: pushed_number is how many images had been pushed
-- into the repository name when this one was (this one included), deleted_number how many periods had
-- ended when this one did. The images held at an instant are the last pushed_number at or before it
-- less the last deleted_number at or before it.
alter table image_history add column pushed_number bigint;
alter table image_history add column deleted_number bigint;
-- Periods written before: numbered in the order of their instants, as the fold numbers them.
create table image_history_numbers as
    select repository_name, digest, pushed_at,
        count(*) over (partition by repository_name order by pushed_at) pushed_number,
        case when deleted_at is null then null
             else count(deleted_at) over (partition by repository_name order by deleted_at) end deleted_number
    from image_history;
create index image_history_numbers_key on image_history_numbers (repository_name, digest, pushed_at);
update image_history i set
    pushed_number = (select n.pushed_number from image_history_numbers n
        where n.repository_name = i.repository_name and n.digest = i.digest and n.pushed_at = i.pushed_at),
    deleted_number = (select n.deleted_number from image_history_numbers n
        where n.repository_name = i.repository_name and n.digest = i.digest and n.pushed_at = i.pushed_at);
drop table image_history_numbers;
alter table image_history alter column pushed_number set not null;
drop index image_history_pushed;
create index image_history_pushed on image_history (repository_name, pushed_at, pushed_number);
create index image_history_deleted on image_history (repository_name, deleted_at, deleted_number);
