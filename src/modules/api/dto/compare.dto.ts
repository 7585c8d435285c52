import { ApiProperty } from '@nestjs/swagger';

/** One run in the comparison. */
export class ComparedRunDto {
  @ApiProperty()
  id!: string;
  @ApiProperty()
  strategy!: string;
  @ApiProperty()
  symbol!: string;
  @ApiProperty()
  profile!: string;
  @ApiProperty({ example: '2014-01-02' })
  from!: string;
  @ApiProperty({ example: '2018-05-11' })
  to!: string;
  @ApiProperty()
  status!: string;
  @ApiProperty({ nullable: true, type: String })
  error!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'default metrics (null unless done)' })
  default!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'FINSABER metrics (finsaber profile only)' })
  finsaber!: Record<string, unknown> | null;
}

/** `GET /compare`: the side-by-side metrics table, runs in the order asked. */
export class CompareDto {
  @ApiProperty({ type: [String], description: 'the default metric columns, in table order' })
  columns!: string[];
  @ApiProperty({ type: [String], description: 'the FINSABER columns (filled for finsaber-profile runs)' })
  finsaberColumns!: string[];
  @ApiProperty({ type: [ComparedRunDto] })
  rows!: ComparedRunDto[];
}
