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
import { NotFoundPage } from './pages/NotFound.tsx';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/verify', element: <VerifyPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/account', element: <AccountPage /> },
      { path: '/staff/sign-in', element: <StaffSignInPage /> },
      { path: '/staff', element: <StaffDashboardPage /> },
      { path: '/staff/offices', element: <OfficesPage /> },
      { path: '/staff/offices/:id', element: <OfficeDetailPage /> },
      { path: '/staff/people', element: <PeoplePage /> },
      { path: '/staff/audit', element: <AuditPage /> },
      { path: '/occupations', element: <OccupationsPage /> },
      { path: '/dev/outbox', element: <DevOutboxPage /> },
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
