/**
 * The SDK platforms API Gateway itself generates (`aws apigateway get-sdk --sdk-type`), REST APIs only, for a deployed
 * stage: https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-generate-sdk.html and
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetSdk.html (sdkType: "Currently java, javascript, android,
 * objectivec (for iOS), swift (for iOS), and ruby are supported"; errata.md #1: the guide's
 * list adds Python and .NET, which API Gateway does not generate).
 */
export const API_GATEWAY_SDK_TYPES = [
  { sdkType: 'java', platform: 'Java' },
  { sdkType: 'javascript', platform: 'JavaScript' },
  { sdkType: 'android', platform: 'Java for Android' },
  { sdkType: 'objectivec', platform: 'Objective-C (iOS)' },
  { sdkType: 'swift', platform: 'Swift (iOS)' },
  { sdkType: 'ruby', platform: 'Ruby' },
] as const;

/** The languages this lab generates a client in (`apigw-lab sdk --lang`). */
export const LAB_SDK_LANGUAGES = ['typescript'] as const;
export type LabSdkLanguage = (typeof LAB_SDK_LANGUAGES)[number];

/** The one-line answer to an unsupported `--lang`. */
export function unsupportedLanguageMessage(lang: string): string {
  return (
    `--lang "${lang}": this lab generates ${LAB_SDK_LANGUAGES.join(', ')} clients; API Gateway itself generates SDKs ` +
    `for REST APIs in ${API_GATEWAY_SDK_TYPES.map((t) => t.sdkType).join(', ')} (aws apigateway get-sdk --sdk-type)`
  );
}
