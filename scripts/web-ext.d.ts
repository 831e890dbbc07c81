/** The part of web-ext's programmatic API (https://github.com/mozilla/web-ext#using-web-ext-in-nodejs-code) the scripts use. */
declare module 'web-ext' {
  export interface LintMessage {
    code: string;
    message: string;
    description?: string | string[];
    file?: string;
    line?: number;
    column?: number;
  }
  export interface LintResult {
    count: number;
    summary: { errors: number; notices: number; warnings: number };
    errors: LintMessage[];
    warnings: LintMessage[];
    notices: LintMessage[];
  }
  export const cmd: {
    lint(
      params: { sourceDir: string; output?: 'text' | 'json'; boring?: boolean; selfHosted?: boolean; warningsAsErrors?: boolean; metadata?: boolean; pretty?: boolean; ignoreFiles?: string[] },
      options?: { shouldExitProgram?: boolean },
    ): Promise<LintResult>;
    build(
      params: { sourceDir: string; artifactsDir: string; filename?: string; overwriteDest?: boolean; ignoreFiles?: string[] },
      options?: { showReadyMessage?: boolean },
    ): Promise<{ extensionPath: string }>;
  };
}
