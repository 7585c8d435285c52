import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Every error answer. */
export class ErrorDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;
  @ApiProperty({ example: 'Bad Request' })
  error!: string;
  @ApiProperty({ example: 'from: a calendar date as YYYY-MM-DD' })
  message!: string;
  @ApiPropertyOptional({ example: 'from', description: 'the request field at fault (400)' })
  field?: string;
  @ApiPropertyOptional({ example: '0f7c2c1e-5d0a-4b8e-9c51-2f8f3f1f7a10', description: "500: the request's id (as in X-Request-Id), to find the error in the server log" })
  requestId?: string;
}
