import type { Jsonified } from '@/components/cases/types';
import type { HospitalListRow } from '@/db/queries/hospitals-admin';
import type { diseaseHistoryOp, listCatalogOp } from '@/lib/operations/catalog';
import type { getHospitalOp } from '@/lib/operations/hospitals';
import type { Operation } from '@/lib/server/operation';

type OperationData<O> = O extends Operation<infer _S, infer T> ? T : never;

export type CatalogListJson = Jsonified<OperationData<typeof listCatalogOp>>;
export type CatalogRowJson = CatalogListJson['data'][number];
export type DiseaseVersionJson = Jsonified<OperationData<typeof diseaseHistoryOp>>[number];
export type HospitalRowJson = Jsonified<HospitalListRow>;
export type HospitalDetailJson = Jsonified<OperationData<typeof getHospitalOp>>;
export type DelegationJson = HospitalDetailJson['delegations'][number];

/** react-query keys: the catalog list, one disease's history, the hospital list, one hospital. */
export const catalogKey = ['admin-catalog'] as const;
export const historyKey = (code: string) => ['admin-catalog-history', code] as const;
export const hospitalsKey = ['admin-hospitals'] as const;
export const hospitalKey = (id: number) => ['admin-hospital', id] as const;
