-- A cheaper counter trigger for INSERT statements on enrollments (the registry import inserts up to
-- a million rows in one statement; migration 0004's general function cost about 14 s there).
-- For an INSERT there are no old rows, and the unique key (person_id, year, scheme) says which
-- existing rows of a touched (person, year) the statement did not write: those of a scheme it did
-- not insert. So "before" is read from those rows only, and "after" is "before" plus the
-- statement's active rows; no join of the whole table against the new rows, no anti-join by id.
-- Pairs without an active new row change no counter and are left out from the start.
create or replace function registry_counts_enrollments_insert() returns trigger language plpgsql as $$
begin
  -- Lock the counter rows first, in a fixed order (as in registry_counts_enrollments).
  insert into town_year_coverage as c (town_code, year)
    select distinct p.town_code, n.year
    from new_rows n join people p on p.id = n.person_id
    where n.status = 'active'
    order by 1, 2
  on conflict (town_code, year) do update set year = c.year;

  with inserted as (
         select person_id, year,
                bool_or(scheme = 'resident') as has_r, bool_or(scheme = 'employee') as has_e,
                bool_or(scheme = 'resident' and status = 'active') as new_r,
                bool_or(scheme = 'employee' and status = 'active') as new_e
         from new_rows group by person_id, year),
       changed as (select * from inserted where new_r or new_e),
       -- the active rows of these pairs that were there before: a scheme this statement did not insert
       before_flags as (
         select c.person_id, c.year, bool_or(e.scheme = 'resident') as r0, bool_or(e.scheme = 'employee') as e0
         from changed c
         join enrollments e on e.person_id = c.person_id and e.year = c.year and e.status = 'active'
           and ((e.scheme = 'resident' and not c.has_r) or (e.scheme = 'employee' and not c.has_e))
         group by c.person_id, c.year),
       flags as (
         select c.person_id, c.year,
                coalesce(b.r0, false) as r0, coalesce(b.e0, false) as e0,
                c.new_r or coalesce(b.r0, false) as r1, c.new_e or coalesce(b.e0, false) as e1
         from changed c left join before_flags b using (person_id, year)),
       delta as (
         select p.town_code, f.year,
                sum(f.r1::int - f.r0::int) as r, sum(f.e1::int - f.e0::int) as em,
                sum((f.r1 and f.e1)::int - (f.r0 and f.e0)::int) as b
         from flags f join people p on p.id = f.person_id
         group by p.town_code, f.year)
  insert into town_year_coverage (town_code, year, resident, employee, both_schemes)
    select town_code, year, r, em, b from delta where r <> 0 or em <> 0 or b <> 0 order by town_code, year
  on conflict (town_code, year) do update set
    resident = town_year_coverage.resident + excluded.resident,
    employee = town_year_coverage.employee + excluded.employee,
    both_schemes = town_year_coverage.both_schemes + excluded.both_schemes;
  return null;
end $$;
--> statement-breakpoint
drop trigger enrollments_counts_insert on enrollments;
--> statement-breakpoint
create trigger enrollments_counts_insert after insert on enrollments
  referencing new table as new_rows for each statement execute function registry_counts_enrollments_insert();
