import type { Jsonified } from '@/components/cases/types';
import type {
  PersonCard,
  workstationCertificate,
  workstationFilings,
  workstationHome,
} from '@/lib/operations/workstation';
import type { ResultOf } from '@/lib/server/operation';

export type HomeJson = Jsonified<ResultOf<typeof workstationHome>>;
export type DelegatedDisease = HomeJson['delegated'][number];
export type PersonCardJson = Jsonified<PersonCard>;
export type FilingRowJson = Jsonified<ResultOf<typeof workstationFilings>['data'][number]>;
/** The 告知单 as the certificate page hands it over (a server component's props keep their Dates). */
export type CertificateData = ResultOf<typeof workstationCertificate>;
