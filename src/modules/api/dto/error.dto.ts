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
}
