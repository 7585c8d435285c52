import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsNotEmpty, IsString } from 'class-validator';

/** At most this many runs side by side. */
export const MAX_COMPARED_RUNS = 50;

/** `GET /compare?ids=a,b,c` (or `ids=a&ids=b`). */
export class CompareQueryDto {
  @ApiProperty({ type: String, example: 'sma-cross-AAPL-20261123-010203-ab12,buy-and-hold-AAPL-20261123-010204-cd34', description: `comma-separated run ids, 1..${MAX_COMPARED_RUNS}` })
  @Transform(({ value }) => (Array.isArray(value) ? value : String(value ?? '').split(',')).map((s: string) => s.trim()).filter(Boolean))
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_COMPARED_RUNS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  ids!: string[];
}
