/**
 * The finance sentiment lexicon: our own word lists, written for news headlines, company
 * releases and trader posts. Each group is a weight and a space-separated list of terms; a
 * multi-word term joins its words with `_` ("better_than_expected"). Words are matched after
 * {@link tokenize} (lower case, hyphens split), so list each inflected form that matters.
 * A term may appear in several lists: its roles merge when the lexicon is compiled.
 */
export type TermGroup = readonly [weight: number, terms: string];

/** Words that are bad news on their own, whatever they qualify (weight = strength). */
export const NEGATIVE_TERMS: readonly TermGroup[] = [
  [
    2,
    'bankruptcy bankrupt insolvency insolvent receivership fraud fraudulent profit_warning plummet ' +
    'plummets plummeted plummeting collapse collapsed collapses',
  ],
  [
    1.5,
    'lawsuit lawsuits sued litigation layoffs layoff lay_offs laid_off lay_off redundancies downgrade ' +
    'downgraded downgrades scandal default defaulted crash crashed crashing worse_than_expected ' +
    'below_expectations short_of_expectations fell_short missed_estimates record_low all_time_low ' +
    'new_low new_lows week_low week_lows scam ponzi pump_and_dump year_low year_lows ' +
    'sell_recommendation sell_rating underweight cut_to_sell downgraded_to_sell',
  ],
  [
    1,
    'loss losses lose loses losing lost miss misses missed weak weaker weakest weakness weaken ' +
    'weakened weakening slump slumped slumps slowdown downturn recession crisis deteriorate ' +
    'deteriorated deteriorating deterioration worsen worsened worsening worse worst disappointing ' +
    'disappointed disappoint disappointment underperform underperformed underperforming ' +
    'underperformance penalty penalties fined fine_of recall recalled recalls warning warned warns ' +
    'warn impairment impairments writedown writedowns write_down write_downs write_off write_offs ' +
    'shortfall adverse adversely unfavorable unfavourable headwinds headwind troubled trouble ' +
    'struggle struggled struggling struggles fail failed fails failure failures halted halt suspended ' +
    'suspends suspension shut_down shutdown closure closures terminated termination cancelled ' +
    'canceled cancellation bearish selloff sell_off dump dumped dumping tank tanked tanking bleeding ' +
    'bagholder bagholders overvalued bubble in_the_red red_flag margin_squeeze dilution dilutive ' +
    'negative concern concerns worried worries worry fear fears panic probe investigation breach ' +
    'hacked delay delayed delays dispute strike_action bad poor poorly unprofitable downgrading ' +
    'damage damaged damages overpriced garbage trash downtrend breakdown death_cross red_day ' +
    // Restructuring, labour and legal trouble as company releases word it.
    'redundant made_redundant laying_off lays_off temporary_layoffs personnel_negotiations ' +
    'employee_negotiations employment_negotiations job_cuts job_losses lose_their_jobs loose_their_jobs ' +
    'close_down closing_down closed_down plans_to_close terminate terminates liquidated liquidation ' +
    'strike strikes walkout burden burdened burdens suffer suffered suffers suffering snag setback ' +
    'setbacks rejected rejects reject disagree disagreement threat threats threaten threatened ' +
    'threatens threatening tough depressed oversupply bogus theft thieves stealing stolen banned ' +
    'ban interrupted biggest_faller biggest_fallers abandon abandoned abandons obstacle obstacles negative_impact hurt hurts hurting ' +
    'nasty awkward poorest uncompetitive not_competitive drag dragged weighed weighs weigh unrest ' +
    'protest protests boycott sanction sanctions embargo postpone postponed postpones doubt doubts ' +
    'slowed_down cutback cutbacks bottleneck bottlenecks shortage shortages deficit deficits',
  ],
  [
    0.5,
    'risk risks risky uncertainty uncertain volatile pressure pressured pressures challenging ' +
    'difficult difficulties problem problems caution cautious slow slower sluggish lackluster ' +
    'lacklustre stagnant stagnated flat_sales short_sellers shorting bears bear puts short overbought',
  ],
];

/** Words that are good news on their own. */
export const POSITIVE_TERMS: readonly TermGroup[] = [
  [
    0.5,
    'gain gains benefit benefits benefited benefiting opportunity opportunities favorable favourable ' +
    'positive confident confidence optimistic optimism upbeat attractive solid healthy award awarded ' +
    'awards win wins won winning calls cutting_edge state_of_the_art record satisfied pleased excited ' +
    'proud bull bulls bounce bounced bouncing oversold fly flying loaded_up lets_go',
  ],
  [
    // Deals, orders and standing as company releases and newswires word them: mildly good news,
    // one of them alone scores inside the neutral band (its sign still counts in the agent's mean).
    0.35,
    'agreement agreements contract contracts signed signs partnership partnerships ' +
    'cooperation cooperate collaboration alliance order_from received_an_order orders_for ' +
    'new_orders repeat_order launch launches launched launching leading leader leaders market_leader ' +
    'largest biggest double doubles doubled doubling savings efficiency efficient innovative ' +
    'innovation selected chosen approval approved secured secure secures synergies synergy ' +
    'invest invests invested investment ' +
    'investments enable enables ensure ensures significant important strategic stable steady sound ' +
    'happy delighted welcome welcomes welcomed honored honoured ideal popular premium modern ' +
    'fastest easiest quality high_quality competitive competitiveness reliable brisk remained_high ' +
    'thanks_to expanding expands expanded expand extend extends extended extension deliver delivers ' +
    'delivered supply supplies supplied pioneer unique comprehensive advanced valuable well_positioned',
  ],
  [
    1,
    'growth profitable profitability improve improved improves improving improvement improvements ' +
    'strong stronger strongest strength strengthen strengthened strengthening robust recover ' +
    'recovered recovering recovery rebound rebounded rebounding exceed exceeded exceeds exceeding ' +
    'outperform outperformed outperforming outperformance upgrade upgraded upgrades success ' +
    'successful succeeded boom booming bullish rally rallied rallying breakout momentum upside ' +
    'tailwind tailwinds excellent impressive outstanding great good better best beneficial lucrative ' +
    'accretive buyback buybacks expansion breakthrough milestone record_high all_time_high ' +
    'all_time_highs new_high new_highs moon mooning rocket undervalued short_squeeze in_the_black ' +
    'cost_savings year_high year_highs buy_recommendation buy_rating ath uptrend golden_cross ' +
    'green_day week_high week_highs going_long go_long went_long buy_the_dip buy_the_dips ' +
    'bought_the_dip btd btfd explode exploding overweight outperform_rating raised_to_buy upgraded_to_buy',
  ],
  [
    1.5,
    'beat beats beating better_than_expected above_expectations ahead_of_expectations ' +
    'exceeded_expectations topped_estimates soar soared soaring soars skyrocket skyrocketed',
  ],
];

/** Quantities that are good for a company when they go up (profit rose = good news). */
export const GOOD_OBJECTS =
  'profit profits earnings ebit ebitda eps income revenue revenues sales turnover margin margins ' +
  'order orders backlog bookings demand deliveries shipments market_share dividend dividends ' +
  'cash_flow growth value price_target target_price share_target share_price stock_price shares ' +
  'stock stocks guidance outlook forecast forecasts estimate estimates rating ratings volume ' +
  'volumes traffic passengers subscribers customers users output production capacity productivity ' +
  'occupancy result results performance jobs job employees personnel staff workforce headcount ' +
  'market_cap valuation returns exports';

/** Quantities that are bad for a company when they go up (costs rose = bad news). */
export const BAD_OBJECTS =
  'cost costs expense expenses expenditure expenditures loss losses deficit debt debts liabilities ' +
  'net_debt unemployment inflation impairment impairments writedowns provisions risk risks churn ' +
  'defaults delinquencies competition uncertainty volatility headwinds gearing leverage layoffs ' +
  'raw_material_prices fuel_prices energy_prices input_prices';

/**
 * Directional words: the direction (up or down) of whatever quantity they are attached to. With no
 * quantity nearby they count as weak news in their own direction (see the scorer).
 */
export const UP_WORDS: readonly TermGroup[] = [
  [
    1,
    'rise rises rose risen rising increase increases increased increasing grow grows grew grown ' +
    'growing up higher climb climbs climbed climbing jump jumps jumped jumping gain gained gaining ' +
    'advance advanced advances boost boosts boosted boosting expand expands expanded expanding widen ' +
    'widened widening raise raises raised raising hike hikes hiked accelerate accelerated ' +
    'accelerating upward upwards doubled doubling tripled topped growth rally rallied surpass ' +
    'surpassed lift lifts lifted lifting went_up gone_up go_up goes_up going_up was_up were_up is_up ' +
    'are_up larger bigger',
  ],
  [1.5, 'surge surges surged surging soar soars soared soaring skyrocket skyrocketed spike spiked'],
];

/** Directional words pointing down (costs fell = good news, profit fell = bad news). */
export const DOWN_WORDS: readonly TermGroup[] = [
  [
    1,
    'fall falls fell fallen falling decrease decreases decreased decreasing decline declines declined ' +
    'declining drop drops dropped dropping down lower lowered lowering slip slips slipped slipping ' +
    'slide slides slid sliding shrink shrinks shrank shrunk shrinking narrow narrows narrowed ' +
    'narrowing cut cuts cutting reduce reduces reduced reducing reduction reductions dip dips dipped ' +
    'ease eased easing decelerate decelerated halve halved diminish diminished dwindle dwindled erode ' +
    'eroded eroding slash slashed trim trimmed shed sheds shedding contracted slow slows slowed ' +
    'slowing contraction downward downwards lose_ground lost_ground retreat retreated sink sank sunk',
  ],
  [
    1.5,
    'plunge plunges plunged plunging tumble tumbles tumbled tumbling slump slumped nosedive nosedived ' +
    'crater cratered tank tanked',
  ],
];

/** Words that flip the polarity of what follows (within a short window of the same clause). */
export const NEGATORS =
  "not no never n't without nor neither none cannot dont doesnt didnt isnt wasnt arent werent wont " +
  'cant couldnt shouldnt wouldnt havent hasnt hadnt lack lacks lacking absence';

/** Words that scale the term next to them. */
export const INTENSIFIERS: readonly TermGroup[] = [
  [
    1.5,
    'very strongly sharply significantly substantially considerably markedly dramatically hugely ' +
    'massively extremely highly greatly steeply heavily record',
  ],
  [0.5, 'slightly somewhat marginally modestly moderately partly partially little'],
];

/** Words that end a clause for negation and for attaching directions to quantities. */
export const CLAUSE_BREAKS = 'but however although though whereas while yet despite';

/**
 * Phrases that mark a comparison with an earlier state: a bad or good quantity right after one
 * of them describes the past ("compared with a loss"), so its standalone sense is reversed.
 */
export const CONTRAST_MARKERS = 'compared_with compared_to versus vs from_a from_an';

/** Phrases whose words would otherwise be misread (e.g. "up" in "set up"): matched and ignored. */
export const NEUTRAL_PHRASES =
  'set_up sets_up setting_up up_to make_up makes_up made_up take_up takes_up took_up pick_up ' +
  'sign_up signed_up step_down steps_down stepped_down stepping_down break_down broken_down ' +
  'wind_down follow_up follow_ups fine_tune fine_tuned in_charge_of free_of_charge ' +
  'right_of_first_refusal no_later_than no_doubt not_only per_share conference_call ' +
  'conference_calls calls_for call_for top_line bottom_line line_up lined_up back_up ramp_up ' +
  'ramped_up short_term short_time short_notice in_short shortlist shortlisted short_listed ' +
  'short_tons sell_side short_run employment_contract employment_contracts contract_manufacturer ' +
  'contract_manufacturers contract_manufacturing';
