import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A strategy file. */
export class StrategyDto {
  @ApiProperty({ example: 'sma-cross' })
  name!: string;
  @ApiProperty({ example: 'sma-cross' })
  kind!: string;
  @ApiProperty()
  description!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the parameters as written in the file' })
  params!: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'what the kind does' })
  kindDescription?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "every parameter, the kind's defaults filled in" })
  resolvedParams?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'why the file cannot be used (then the other fields may be missing)' })
  error?: string;
}

/** An imported dataset. */
export class DatasetDto {
  @ApiProperty({ example: 'AAPL' })
  symbol!: string;
  @ApiProperty({ example: '2013-05-13' })
  firstDate!: string;
  @ApiProperty({ example: '2018-05-11' })
  lastDate!: string;
  @ApiProperty({ example: 1260 })
  rows!: number;
  @ApiProperty({ example: 'aapl.csv', description: 'the imported file' })
  source!: string;
  @ApiProperty({ example: 'yahoo' })
  layout!: string;
  @ApiProperty()
  hasAdjClose!: boolean;
  @ApiProperty()
  licence!: string;
  @ApiProperty({ description: 'SHA-256 of the stored file' })
  sha256!: string;
  @ApiProperty()
  importedAt!: string;
}
