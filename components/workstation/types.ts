import type { Jsonified } from '@/components/cases/types';
import type { FilingRow, WorkstationHome } from '@/db/queries/workstation';
import type { PersonCard } from '@/lib/operations/workstation';

export type HomeJson = Jsonified<WorkstationHome>;
export type DelegatedDisease = HomeJson['delegated'][number];
export type PersonCardJson = Jsonified<PersonCard>;
export type FilingRowJson = Jsonified<FilingRow>;
