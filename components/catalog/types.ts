import type { Jsonified } from '@/components/cases/types';
import type { diseaseHistoryOp, listCatalogOp } from '@/lib/operations/catalog';
import type { getHospitalOp, listHospitalsOp } from '@/lib/operations/hospitals';
import type { ResultOf } from '@/lib/server/operation';

export type CatalogListJson = Jsonified<ResultOf<typeof listCatalogOp>>;
export type CatalogRowJson = CatalogListJson['data'][number];
export type DiseaseVersionJson = Jsonified<ResultOf<typeof diseaseHistoryOp>>[number];
export type HospitalRowJson = Jsonified<ResultOf<typeof listHospitalsOp>['data'][number]>;
export type HospitalDetailJson = Jsonified<ResultOf<typeof getHospitalOp>>;
export type DelegationJson = HospitalDetailJson['delegations'][number];

/** react-query keys: the catalog list, one disease's history, the hospital list, one hospital. */
export const catalogKey = ['admin-catalog'] as const;
export const historyKey = (code: string) => ['admin-catalog-history', code] as const;
export const hospitalsKey = ['admin-hospitals'] as const;
export const hospitalKey = (id: number) => ['admin-hospital', id] as const;
