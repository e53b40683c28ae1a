import { auditOperations } from './audit';
import { assistanceCapReportOp, exportAssistanceOp, listAssistanceOp } from './assistance';
import { startAssistanceImportOp } from './assistance-import';
import { createAssistanceOp, reverseAssistanceOp, updateAssistanceOp } from './assistance-writes';
import { dashboardAssistanceOp } from './dashboard-assistance';
import { dashboardCasesOp } from './dashboard-cases';
import { dashboardCertificationsOp } from './dashboard-certifications';
import { dashboardCoverageOp } from './dashboard-coverage';
import { dashboardExportOp } from './dashboard-export';
import { dashboardListCoverageOp } from './dashboard-lists';
import { dashboardSubsidiesOp } from './dashboard-subsidies';
import { listTargetsOp, saveTargetOp } from './population-targets';
import {
  settlementCancelOp,
  settlementCorrectOp,
  settlementPersonOp,
  settlementPreviewOp,
  settlementSaveOp,
} from './settlement';
import { settlementGetOp, settlementListOp } from './settlement-read';
import { settlementPolicyOperations } from './settlement-policy';
import { approveBatchOp, generateRosterOp, returnBatchOp, submitBatchOp } from './subsidy-batches';
import { exportBatchOp, exportRefundsOp, exportTaxOp } from './subsidy-exports';
import { allocateFundOp, fundOverviewOp, listRefundsOp, updateRefundOp } from './subsidy-funds';
import { personSubsidyOp } from './subsidy-person';
import { approvedLinesOp } from './subsidy-approved-lines';
import { batchLinesOp, excludedOp, getBatchOp, subsidyOverviewOp } from './subsidy-rosters';
import { subsidyStandardOperations } from './subsidy-standards';
import { previewImportOp, startListImport, startRegistryImportOp } from './imports';
import { exportListRows, getImportErrorReport } from './imports-report';
import { exportCasesOp } from './case-export';
import {
  certificationFilterOptionsOp,
  exportCertificationsOp,
  getCertificationOp,
  listCertificationsOp,
  revokeCertificationOp,
} from './certifications';
import { drawSpotCheckOp, getSpotCheckOp, listSpotChecksOp, recordVerdictOp } from './spot-checks';
import { listAssignableStaff } from './case-staff';
import { catalogOperations } from './catalog';
import { hospitalOperations } from './hospitals';
import {
  assignCasesOp,
  closeCaseOp,
  getCaseOp,
  getEvidenceOp,
  listCasesOp,
  reopenCaseOp,
  updateCaseOp,
  uploadEvidenceOp,
} from './cases';
import {
  confirmSuggestion,
  getImportStatus,
  getListOverview,
  getRowSuggestions,
  listListRows,
  listLists,
  rejectSuggestion,
} from './matching';
import { getPerson, listPersons, revealIdNumber, saveEnrollment } from './persons';
import { userOperations } from './users';
import {
  workstationCertificate,
  workstationFile,
  workstationFilings,
  workstationHome,
  workstationLookup,
} from './workstation';
import { workstationDecide } from './workstation-decide';
import { certificationEvidenceOp, workstationEvidence, workstationUploadEvidence } from './workstation-evidence';

/** Every server entry point's operation, for the role-matrix test. */
export const ALL_OPERATIONS = [
  listPersons,
  getPerson,
  revealIdNumber,
  saveEnrollment,
  workstationHome,
  ...userOperations,
  ...auditOperations,
  listLists,
  getListOverview,
  listListRows,
  getRowSuggestions,
  confirmSuggestion,
  rejectSuggestion,
  getImportStatus,
  startListImport,
  listCasesOp,
  getCaseOp,
  assignCasesOp,
  updateCaseOp,
  uploadEvidenceOp,
  closeCaseOp,
  reopenCaseOp,
  getEvidenceOp,
  listAssignableStaff,
  exportCasesOp,
  previewImportOp,
  getImportErrorReport,
  exportListRows,
  startRegistryImportOp,
  ...catalogOperations,
  ...hospitalOperations,
  listCertificationsOp,
  getCertificationOp,
  revokeCertificationOp,
  certificationFilterOptionsOp,
  exportCertificationsOp,
  listSpotChecksOp,
  drawSpotCheckOp,
  getSpotCheckOp,
  recordVerdictOp,
  workstationLookup,
  workstationFile,
  workstationUploadEvidence,
  workstationDecide,
  workstationFilings,
  workstationCertificate,
  workstationEvidence,
  certificationEvidenceOp,
  ...subsidyStandardOperations,
  subsidyOverviewOp,
  getBatchOp,
  batchLinesOp,
  approvedLinesOp,
  excludedOp,
  generateRosterOp,
  submitBatchOp,
  approveBatchOp,
  returnBatchOp,
  listRefundsOp,
  updateRefundOp,
  fundOverviewOp,
  allocateFundOp,
  personSubsidyOp,
  exportBatchOp,
  exportTaxOp,
  exportRefundsOp,
  listAssistanceOp,
  assistanceCapReportOp,
  exportAssistanceOp,
  startAssistanceImportOp,
  createAssistanceOp,
  updateAssistanceOp,
  reverseAssistanceOp,
  listTargetsOp,
  saveTargetOp,
  dashboardCoverageOp,
  dashboardListCoverageOp,
  dashboardCasesOp,
  dashboardSubsidiesOp,
  dashboardAssistanceOp,
  dashboardCertificationsOp,
  dashboardExportOp,
  settlementPersonOp,
  settlementPreviewOp,
  settlementSaveOp,
  settlementCorrectOp,
  settlementCancelOp,
  settlementListOp,
  settlementGetOp,
  ...settlementPolicyOperations,
];
