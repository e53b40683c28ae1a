import type { Jsonified } from '@/components/cases/types';
import type {
  certificationFilterOptionsOp,
  getCertificationOp,
  listCertificationsOp,
} from '@/lib/operations/certifications';
import type { getSpotCheckOp, listSpotChecksOp } from '@/lib/operations/spot-checks';
import type { ResultOf } from '@/lib/server/operation';

export type CertRowJson = Jsonified<ResultOf<typeof listCertificationsOp>['data'][number]>;
export type CertDetailJson = Jsonified<ResultOf<typeof getCertificationOp>>;
export type CertFilterOptions = ResultOf<typeof certificationFilterOptionsOp>;
export type SpotCheckListJson = Jsonified<ResultOf<typeof listSpotChecksOp>>;
export type SpotCheckDetailJson = Jsonified<ResultOf<typeof getSpotCheckOp>>;
export type Compliance = SpotCheckDetailJson['compliance'];

/** react-query keys: every certification list query starts with 'certifications'; spot checks with 'spot-checks'. */
export const certKey = (id: number) => ['certification', id] as const;
export const spotCheckKey = (id: number) => ['spot-check', id] as const;
