-- Checks of subsidy_lines' INSERTs once per statement instead of once per line: a roster of a whole
-- district is 30,000 lines written by one statement, and five per-row foreign-key checks plus the
-- per-row freeze trigger were most of its time (bench/RESULTS.md, bench:subsidy). The same rules hold:
-- * no line goes into an approved (frozen) or submitted batch, nor into a batch that does not exist;
-- * standard_id and rule_id name versions that exist (versions are never deleted: 0013 refuses it);
-- * a batch that has lines cannot be deleted (what the dropped foreign key of batch_id protected).
-- UPDATE and DELETE of lines keep their per-row trigger (they are rare: a draft's regeneration
-- deletes by batch), which now also checks the references an UPDATE sets.
create or replace function subsidy_lines_insert_checks() returns trigger language plpgsql as $$
begin
  if exists (select 1 from new_lines n left join subsidy_batches b on b.id = n.batch_id where b.id is null) then
    raise exception '资助明细引用了不存在的批次' using errcode = '23503';
  end if;
  if exists (select 1 from new_lines n join subsidy_batches b on b.id = n.batch_id where b.status = 'approved') then
    raise exception '资助批次已审批冻结，明细不能新增、修改或删除；变更请生成调整批次' using errcode = '42501';
  end if;
  if exists (select 1 from new_lines n join subsidy_batches b on b.id = n.batch_id where b.status = 'submitted') then
    raise exception '资助批次已提交待审批，明细不能新增、修改或删除；变更请生成调整批次' using errcode = '42501';
  end if;
  if exists (select 1 from new_lines n where n.standard_id is not null
      and not exists (select 1 from contribution_standards s where s.id = n.standard_id))
    or exists (select 1 from new_lines n where n.rule_id is not null
      and not exists (select 1 from subsidy_rules r where r.id = n.rule_id)) then
    raise exception '资助明细引用了不存在的缴费标准或资助规则版本' using errcode = '23503';
  end if;
  return null;
end;
$$;
--> statement-breakpoint
create trigger subsidy_lines_insert_checks after insert on subsidy_lines
  referencing new table as new_lines
  for each statement execute function subsidy_lines_insert_checks();
--> statement-breakpoint
create or replace function subsidy_lines_frozen() returns trigger language plpgsql as $$
declare
  batch_status subsidy_batch_status;
begin
  select status into batch_status from subsidy_batches where id = old.batch_id;
  if batch_status in ('approved', 'submitted') then
    raise exception '资助批次已%，明细不能新增、修改或删除；变更请生成调整批次',
      case when batch_status = 'approved' then '审批冻结' else '提交待审批' end using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' then
    if new.batch_id <> old.batch_id then
      raise exception '资助明细不能移到其他批次' using errcode = '42501';
    end if;
    if (new.standard_id is not null and not exists (select 1 from contribution_standards where id = new.standard_id))
      or (new.rule_id is not null and not exists (select 1 from subsidy_rules where id = new.rule_id)) then
      raise exception '资助明细引用了不存在的缴费标准或资助规则版本' using errcode = '23503';
    end if;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
--> statement-breakpoint
drop trigger subsidy_lines_frozen_row on subsidy_lines;
--> statement-breakpoint
create trigger subsidy_lines_frozen_row before update or delete on subsidy_lines
  for each row execute function subsidy_lines_frozen();
--> statement-breakpoint
create or replace function subsidy_batch_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'approved' then
    raise exception '资助批次 % 已审批，已冻结，不能修改或删除；变更请生成调整批次', old.id using errcode = '42501';
  end if;
  if tg_op = 'DELETE' and exists (select 1 from subsidy_lines where batch_id = old.id) then
    raise exception '资助批次 % 还有明细，不能删除', old.id using errcode = '23503';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
