import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import './i18n/index.ts';
import './styles.css';
import { AppProvider } from './session.tsx';
import { Layout } from './ui/Layout.tsx';
import { HomePage } from './pages/Home.tsx';
import { RegisterPage } from './pages/Register.tsx';
import { VerifyPage } from './pages/Verify.tsx';
import { SignInPage } from './pages/SignIn.tsx';
import { AccountPage } from './pages/Account.tsx';
import { StaffSignInPage } from './pages/StaffSignIn.tsx';
import { StaffDashboardPage } from './pages/StaffDashboard.tsx';
import { OfficesPage } from './pages/Offices.tsx';
import { OfficeDetailPage } from './pages/OfficeDetail.tsx';
import { PeoplePage } from './pages/People.tsx';
import { AuditPage } from './pages/Audit.tsx';
import { OccupationsPage } from './pages/Occupations.tsx';
import { DevOutboxPage } from './pages/DevOutbox.tsx';
import { EmployerRegisterPage } from './pages/employer/EmployerRegister.tsx';
import { EmployerSignInPage } from './pages/employer/EmployerSignIn.tsx';
import { EmployerDashboardPage } from './pages/employer/EmployerDashboard.tsx';
import { JobOrdersPage } from './pages/employer/JobOrders.tsx';
import { JobOrderFormPage } from './pages/employer/JobOrderForm.tsx';
import { ApplicationsPage } from './pages/employer/Applications.tsx';
import { CandidatesPage } from './pages/employer/Candidates.tsx';
import { CandidateDetailPage } from './pages/employer/CandidateDetail.tsx';
import { InvitationsPage } from './pages/employer/Invitations.tsx';
import { VerificationQueuePage } from './pages/employer-verification/VerificationQueue.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { TransparencyPage } from './pages/Transparency.tsx';
import { WorkerProfilePage } from './pages/worker/Profile.tsx';
import { WorkerConsentsPage } from './pages/worker/Consents.tsx';
import { WorkerDisclosuresPage } from './pages/worker/Disclosures.tsx';
import { WorkerRecommendationsPage } from './pages/worker/Recommendations.tsx';
import { WorkerInvitationsPage } from './pages/worker/Invitations.tsx';
import { JobDetailPage, JobsPage } from './pages/worker/Jobs.tsx';
import { AttestationPage } from './pages/attestation/Attestation.tsx';
import { AgenciesPage, AgencyDetailPage } from './pages/agencies/Registry.tsx';
import { ReportBrokerPage } from './pages/agencies/ReportBroker.tsx';
import { WorkerAgenciesPage } from './pages/agencies/WorkerAgencies.tsx';
import { StaffAgenciesPage } from './pages/agencies/StaffAgencies.tsx';
import { BrokerReportDetailPage, BrokerReportsPage } from './pages/agencies/BrokerReports.tsx';
import { EmployerContractPage, EmployerContractsPage } from './pages/contracts/EmployerContracts.tsx';
import { ContractAlertsPage, OfficerContractPage, OfficerContractsPage } from './pages/contracts/OfficerContracts.tsx';
import { WorkerContractPage, WorkerContractsPage } from './pages/contracts/WorkerContracts.tsx';
import { VerifyDocumentPage } from './pages/contracts/VerifyDocument.tsx';
import { ApplyPage, MyApplicationPage, MyApplicationsPage, ServiceDetailPage, ServicesPage } from './pages/eservices/Citizen.tsx';
import { DevPayPage } from './pages/eservices/DocumentsFee.tsx';
import { OfficeApplicationPage, OfficeQueuePage } from './pages/eservices/Office.tsx';
import { OfficeWorkPermitsPage } from './pages/eservices/More.tsx';
import { OfficeImportPage } from './pages/office/Import.tsx';
import { LazyOfficeDashboardPage } from './pages/office/lazy.tsx';
import { CourseDetailPage, CoursesPage, LearnPage, MyLearningPage, QuizPage } from './pages/elearning/Learner.tsx';
import { TrainingCoursePage, TrainingCoursesPage } from './pages/elearning/Training.tsx';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/verify-mobile', element: <VerifyPage /> },
      { path: '/verify', element: <VerifyDocumentPage /> },
      { path: '/verify/:code', element: <VerifyDocumentPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/account', element: <AccountPage /> },
      { path: '/staff/sign-in', element: <StaffSignInPage /> },
      { path: '/staff', element: <StaffDashboardPage /> },
      { path: '/staff/offices', element: <OfficesPage /> },
      { path: '/staff/offices/:id', element: <OfficeDetailPage /> },
      { path: '/staff/people', element: <PeoplePage /> },
      { path: '/staff/audit', element: <AuditPage /> },
      { path: '/occupations', element: <OccupationsPage /> },
      { path: '/transparency', element: <TransparencyPage /> },
      { path: '/dev/outbox', element: <DevOutboxPage /> },
      { path: '/dev/pay/:ref', element: <DevPayPage /> },
      { path: '/worker/profile', element: <WorkerProfilePage /> },
      { path: '/worker/consents', element: <WorkerConsentsPage /> },
      { path: '/worker/disclosures', element: <WorkerDisclosuresPage /> },
      { path: '/worker/recommendations', element: <WorkerRecommendationsPage /> },
      { path: '/worker/invitations', element: <WorkerInvitationsPage /> },
      { path: '/jobs', element: <JobsPage /> },
      { path: '/jobs/:id', element: <JobDetailPage /> },
      { path: '/attestation', element: <AttestationPage /> },
      { path: '/employer/register', element: <EmployerRegisterPage /> },
      { path: '/employer/sign-in', element: <EmployerSignInPage /> },
      { path: '/employer', element: <EmployerDashboardPage /> },
      { path: '/employer/job-orders', element: <JobOrdersPage /> },
      { path: '/employer/job-orders/new', element: <JobOrderFormPage /> },
      { path: '/employer/job-orders/:id/edit', element: <JobOrderFormPage /> },
      { path: '/employer/job-orders/:id/applications', element: <ApplicationsPage /> },
      { path: '/employer/candidates', element: <CandidatesPage /> },
      { path: '/employer/candidates/:profileId', element: <CandidateDetailPage /> },
      { path: '/employer/invitations', element: <InvitationsPage /> },
      { path: '/staff/employer-verification', element: <VerificationQueuePage /> },
      { path: '/agencies', element: <AgenciesPage /> },
      { path: '/agencies/:licence', element: <AgencyDetailPage /> },
      { path: '/report-broker', element: <ReportBrokerPage /> },
      { path: '/worker/agencies', element: <WorkerAgenciesPage /> },
      { path: '/staff/agencies', element: <StaffAgenciesPage /> },
      { path: '/staff/broker-reports', element: <BrokerReportsPage /> },
      { path: '/staff/broker-reports/:reference', element: <BrokerReportDetailPage /> },
      { path: '/employer/contracts', element: <EmployerContractsPage /> },
      { path: '/employer/contracts/:id/:version', element: <EmployerContractPage /> },
      { path: '/attestation/contracts', element: <OfficerContractsPage /> },
      { path: '/attestation/contracts/:id/:version', element: <OfficerContractPage /> },
      { path: '/attestation/contract-alerts', element: <ContractAlertsPage /> },
      { path: '/worker/contracts', element: <WorkerContractsPage /> },
      { path: '/worker/contracts/:id/:version', element: <WorkerContractPage /> },
      { path: '/services', element: <ServicesPage /> },
      { path: '/services/:code', element: <ServiceDetailPage /> },
      { path: '/services/:code/apply', element: <ApplyPage /> },
      { path: '/my-applications', element: <MyApplicationsPage /> },
      { path: '/my-applications/:id', element: <MyApplicationPage /> },
      { path: '/office/queue', element: <OfficeQueuePage /> },
      { path: '/office/work-permits', element: <OfficeWorkPermitsPage /> },
      { path: '/office/applications/:id', element: <OfficeApplicationPage /> },
      { path: '/office/import', element: <OfficeImportPage /> },
      { path: '/office/dashboard', element: <LazyOfficeDashboardPage /> },
      { path: '/courses', element: <CoursesPage /> },
      { path: '/courses/:id', element: <CourseDetailPage /> },
      { path: '/learn/:courseId/quiz', element: <QuizPage /> },
      { path: '/learn/:courseId/:lessonId', element: <LearnPage /> },
      { path: '/my-learning', element: <MyLearningPage /> },
      { path: '/training', element: <TrainingCoursesPage /> },
      { path: '/training/courses/:id', element: <TrainingCoursePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  </StrictMode>,
);
