export function chromiumPath(): string;
export const CHROMIUM_PACKAGE: string;
export function testChromiumPath(): string;
export const TEST_CHROMIUM_PACKAGE: string;
export const chromiumArgs: string[];
export const e2eChromiumArgs: string[];
