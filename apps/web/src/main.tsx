import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import './i18n/index.ts';
import './styles.css';
// Page styles are global and tiny: loaded with the shell so a code-split page never renders before its CSS.
import './pages/elearning/elearning.css';
import './pages/office/office.css';
import { AppProvider } from './session.tsx';
import { Layout } from './ui/Layout.tsx';
import { HomePage } from './pages/Home.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { registerServiceWorker } from './offline/register.ts';
import { RouteErrorPage } from './ui/RouteError.tsx';

/**
 * Route-level code splitting: each page's module is fetched on its first visit (React Router `lazy`),
 * so a phone on a slow link downloads the shell and the page it opened, not the whole app.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return async () => ({ Component: (await load())[name] });
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    // A page that fails to load or render (offline, a page's code not kept) is shown inside the header, never as the developer screen.
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/register', lazy: page(() => import('./pages/Register.tsx'), 'RegisterPage') },
      { path: '/verify-mobile', lazy: page(() => import('./pages/Verify.tsx'), 'VerifyPage') },
      { path: '/verify', lazy: page(() => import('./pages/contracts/VerifyDocument.tsx'), 'VerifyDocumentPage') },
      { path: '/verify/:code', lazy: page(() => import('./pages/contracts/VerifyDocument.tsx'), 'VerifyDocumentPage') },
      { path: '/sign-in', lazy: page(() => import('./pages/SignIn.tsx'), 'SignInPage') },
      { path: '/account', lazy: page(() => import('./pages/Account.tsx'), 'AccountPage') },
      { path: '/staff/sign-in', lazy: page(() => import('./pages/StaffSignIn.tsx'), 'StaffSignInPage') },
      { path: '/staff', lazy: page(() => import('./pages/StaffDashboard.tsx'), 'StaffDashboardPage') },
      { path: '/staff/offices', lazy: page(() => import('./pages/Offices.tsx'), 'OfficesPage') },
      { path: '/staff/offices/:id', lazy: page(() => import('./pages/OfficeDetail.tsx'), 'OfficeDetailPage') },
      { path: '/staff/people', lazy: page(() => import('./pages/People.tsx'), 'PeoplePage') },
      { path: '/staff/audit', lazy: page(() => import('./pages/Audit.tsx'), 'AuditPage') },
      { path: '/occupations', lazy: page(() => import('./pages/Occupations.tsx'), 'OccupationsPage') },
      { path: '/transparency', lazy: page(() => import('./pages/Transparency.tsx'), 'TransparencyPage') },
      { path: '/dev/outbox', lazy: page(() => import('./pages/DevOutbox.tsx'), 'DevOutboxPage') },
      { path: '/dev/pay/:ref', lazy: page(() => import('./pages/eservices/DocumentsFee.tsx'), 'DevPayPage') },
      { path: '/worker/profile', lazy: page(() => import('./pages/worker/Profile.tsx'), 'WorkerProfilePage') },
      { path: '/worker/consents', lazy: page(() => import('./pages/worker/Consents.tsx'), 'WorkerConsentsPage') },
      { path: '/worker/disclosures', lazy: page(() => import('./pages/worker/Disclosures.tsx'), 'WorkerDisclosuresPage') },
      { path: '/worker/recommendations', lazy: page(() => import('./pages/worker/Recommendations.tsx'), 'WorkerRecommendationsPage') },
      { path: '/worker/invitations', lazy: page(() => import('./pages/worker/Invitations.tsx'), 'WorkerInvitationsPage') },
      { path: '/jobs', lazy: page(() => import('./pages/worker/Jobs.tsx'), 'JobsPage') },
      { path: '/jobs/:id', lazy: page(() => import('./pages/worker/Jobs.tsx'), 'JobDetailPage') },
      { path: '/attestation', lazy: page(() => import('./pages/attestation/Attestation.tsx'), 'AttestationPage') },
      { path: '/employer/register', lazy: page(() => import('./pages/employer/EmployerRegister.tsx'), 'EmployerRegisterPage') },
      { path: '/employer/sign-in', lazy: page(() => import('./pages/employer/EmployerSignIn.tsx'), 'EmployerSignInPage') },
      { path: '/employer', lazy: page(() => import('./pages/employer/EmployerDashboard.tsx'), 'EmployerDashboardPage') },
      { path: '/employer/job-orders', lazy: page(() => import('./pages/employer/JobOrders.tsx'), 'JobOrdersPage') },
      { path: '/employer/job-orders/new', lazy: page(() => import('./pages/employer/JobOrderForm.tsx'), 'JobOrderFormPage') },
      { path: '/employer/job-orders/:id/edit', lazy: page(() => import('./pages/employer/JobOrderForm.tsx'), 'JobOrderFormPage') },
      { path: '/employer/job-orders/:id/applications', lazy: page(() => import('./pages/employer/Applications.tsx'), 'ApplicationsPage') },
      { path: '/employer/candidates', lazy: page(() => import('./pages/employer/Candidates.tsx'), 'CandidatesPage') },
      { path: '/employer/candidates/:profileId', lazy: page(() => import('./pages/employer/CandidateDetail.tsx'), 'CandidateDetailPage') },
      { path: '/employer/invitations', lazy: page(() => import('./pages/employer/Invitations.tsx'), 'InvitationsPage') },
      { path: '/staff/employer-verification', lazy: page(() => import('./pages/employer-verification/VerificationQueue.tsx'), 'VerificationQueuePage') },
      { path: '/agencies', lazy: page(() => import('./pages/agencies/Registry.tsx'), 'AgenciesPage') },
      { path: '/agencies/:licence', lazy: page(() => import('./pages/agencies/Registry.tsx'), 'AgencyDetailPage') },
      { path: '/report-broker', lazy: page(() => import('./pages/agencies/ReportBroker.tsx'), 'ReportBrokerPage') },
      { path: '/worker/agencies', lazy: page(() => import('./pages/agencies/WorkerAgencies.tsx'), 'WorkerAgenciesPage') },
      { path: '/staff/agencies', lazy: page(() => import('./pages/agencies/StaffAgencies.tsx'), 'StaffAgenciesPage') },
      { path: '/staff/broker-reports', lazy: page(() => import('./pages/agencies/BrokerReports.tsx'), 'BrokerReportsPage') },
      { path: '/staff/broker-reports/:reference', lazy: page(() => import('./pages/agencies/BrokerReports.tsx'), 'BrokerReportDetailPage') },
      { path: '/employer/contracts', lazy: page(() => import('./pages/contracts/EmployerContracts.tsx'), 'EmployerContractsPage') },
      { path: '/employer/contracts/:id/:version', lazy: page(() => import('./pages/contracts/EmployerContracts.tsx'), 'EmployerContractPage') },
      { path: '/attestation/contracts', lazy: page(() => import('./pages/contracts/OfficerContracts.tsx'), 'OfficerContractsPage') },
      { path: '/attestation/contracts/:id/:version', lazy: page(() => import('./pages/contracts/OfficerContracts.tsx'), 'OfficerContractPage') },
      { path: '/attestation/contract-alerts', lazy: page(() => import('./pages/contracts/OfficerContracts.tsx'), 'ContractAlertsPage') },
      { path: '/worker/contracts', lazy: page(() => import('./pages/contracts/WorkerContracts.tsx'), 'WorkerContractsPage') },
      { path: '/worker/contracts/:id/:version', lazy: page(() => import('./pages/contracts/WorkerContracts.tsx'), 'WorkerContractPage') },
      { path: '/services', lazy: page(() => import('./pages/eservices/Citizen.tsx'), 'ServicesPage') },
      { path: '/services/:code', lazy: page(() => import('./pages/eservices/Citizen.tsx'), 'ServiceDetailPage') },
      { path: '/services/:code/apply', lazy: page(() => import('./pages/eservices/Citizen.tsx'), 'ApplyPage') },
      { path: '/my-applications', lazy: page(() => import('./pages/eservices/Citizen.tsx'), 'MyApplicationsPage') },
      { path: '/my-applications/:id', lazy: page(() => import('./pages/eservices/Citizen.tsx'), 'MyApplicationPage') },
      { path: '/office/queue', lazy: page(() => import('./pages/eservices/Office.tsx'), 'OfficeQueuePage') },
      { path: '/office/work-permits', lazy: page(() => import('./pages/eservices/More.tsx'), 'OfficeWorkPermitsPage') },
      { path: '/staff/testing-centres', lazy: page(() => import('./pages/eservices/TestingCentres.tsx'), 'TestingCentresPage') },
      { path: '/office/applications/:id', lazy: page(() => import('./pages/eservices/Office.tsx'), 'OfficeApplicationPage') },
      { path: '/office/import', lazy: page(() => import('./pages/office/Import.tsx'), 'OfficeImportPage') },
      { path: '/office/dashboard', lazy: page(() => import('./pages/office/Dashboard.tsx'), 'OfficeDashboardPage') },
      { path: '/courses', lazy: page(() => import('./pages/elearning/Learner.tsx'), 'CoursesPage') },
      { path: '/courses/:id', lazy: page(() => import('./pages/elearning/Learner.tsx'), 'CourseDetailPage') },
      { path: '/learn/:courseId/quiz', lazy: page(() => import('./pages/elearning/Learner.tsx'), 'QuizPage') },
      { path: '/learn/:courseId/:lessonId', lazy: page(() => import('./pages/elearning/Learner.tsx'), 'LearnPage') },
      { path: '/my-learning', lazy: page(() => import('./pages/elearning/Learner.tsx'), 'MyLearningPage') },
      { path: '/orientation', lazy: page(() => import('./pages/orientation/Orientation.tsx'), 'OrientationPage') },
      { path: '/attestation/orientation', lazy: page(() => import('./pages/orientation/Orientation.tsx'), 'OfficerOrientationPage') },
      { path: '/training', lazy: page(() => import('./pages/elearning/Training.tsx'), 'TrainingCoursesPage') },
      { path: '/training/courses/:id', lazy: page(() => import('./pages/elearning/Training.tsx'), 'TrainingCoursePage') },
      { path: '/training/grading', lazy: page(() => import('./pages/elearning/Grading.tsx'), 'GradingQueuePage') },
      { path: '/training/grading/:id', lazy: page(() => import('./pages/elearning/Grading.tsx'), 'GradingAttemptPage') },
      { path: '/training/enrolments', lazy: page(() => import('./pages/elearning/CentreEnrolments.tsx'), 'CentreEnrolmentsPage') },
      { path: '/training/reports', lazy: page(() => import('./pages/elearning/Reports.tsx'), 'ElearningReportsPage') },
      { path: '/learn/:courseId/results', lazy: page(() => import('./pages/elearning/Results.tsx'), 'QuizResultsPage') },
      { path: '/training/courses/:id/sessions', lazy: page(() => import('./pages/elearning/Classrooms.tsx'), 'TrainingSessionsPage') },
      { path: '/classroom/:id', lazy: page(() => import('./pages/elearning/Classrooms.tsx'), 'ClassroomPage') },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
// Offline lessons and the offline /verify check (issue 6 §8, issue 4): the app shell and opened lessons are kept by /sw.js.
registerServiceWorker();
createRoot(root).render(
  <StrictMode>
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  </StrictMode>,
);
