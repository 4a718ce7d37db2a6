import { AdminController } from './admin.controller';
import { AssessmentsPagesController } from './assessments.controller';
import { AuditPagesController } from './audit-pages.controller';
import { CaseController } from './case.controller';
import { CasesController } from './cases.controller';
import { ConsoleAssetsController } from './console-assets.controller';
import { DashboardController } from './dashboard.controller';
import { HomeController } from './home.controller';
import { InboxController } from './inbox.controller';
import { KeyFieldsController } from './key-fields.controller';
import { SignInController } from './sign-in.controller';
import { SubmitController } from './submit.controller';

/** The console's controllers; their paths are left out of the API prefix (configure-app.ts). */
export const CONSOLE_CONTROLLERS = [
  SignInController,
  ConsoleAssetsController,
  HomeController,
  InboxController,
  CasesController,
  SubmitController,
  CaseController,
  AssessmentsPagesController,
  AuditPagesController,
  DashboardController,
  KeyFieldsController,
  AdminController,
];

/** The first path segment of every console page, for the API prefix exclusion. */
export const CONSOLE_ROOTS = [
  '',
  'sign-in',
  'sign-out',
  'lang',
  'assets',
  'inbox',
  'cases',
  'submit',
  'assess',
  'my-assessments',
  'auditor',
  'dashboard',
  'key-fields',
  'admin',
];
