import type { Jsonified } from '@/components/cases/types';
import type { CertRow } from '@/db/queries/certifications';
import type { certificationFilterOptionsOp, getCertificationOp } from '@/lib/operations/certifications';
import type { getSpotCheckOp, listSpotChecksOp } from '@/lib/operations/spot-checks';
import type { Operation } from '@/lib/server/operation';

type OperationData<O> = O extends Operation<infer _S, infer T> ? T : never;

export type CertRowJson = Jsonified<CertRow>;
export type CertDetailJson = Jsonified<OperationData<typeof getCertificationOp>>;
export type CertFilterOptions = OperationData<typeof certificationFilterOptionsOp>;
export type SpotCheckListJson = Jsonified<OperationData<typeof listSpotChecksOp>>;
export type SpotCheckDetailJson = Jsonified<OperationData<typeof getSpotCheckOp>>;
export type Compliance = SpotCheckDetailJson['compliance'];

/** react-query keys: every certification list query starts with 'certifications'; spot checks with 'spot-checks'. */
export const certKey = (id: number) => ['certification', id] as const;
export const spotCheckKey = (id: number) => ['spot-check', id] as const;
