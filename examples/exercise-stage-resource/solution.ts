import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Answers the resource template, the pet's id and the stage; 400 when the id is not a number. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const petId = event.pathParameters?.petId ?? '';
  const [statusCode, body] = /^\d+$/.test(petId)
    ? [200, { resource: event.resource, petId, stage: event.requestContext.stage }]
    : [400, { message: 'petId must be a number' }];
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
