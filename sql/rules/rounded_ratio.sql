-- The rounding rule of every rate and share BulkEtl publishes, the one definition: numerator / denominator rounded
-- half away from zero to 4 decimals. It reads "ratio_inputs", which the including text defines with at least the
-- integer columns numerator and denominator, and gives every column of it plus "ratio" (and the working columns
-- whole, r0..r4, d1..d4, which callers leave out). A ratio is a share of a whole: NULL unless
-- 0 <= numerator <= denominator and denominator > 0 (nothing processed, or an input the rule was not made for,
-- rather than a wrongly rounded number; the callers' sums are never negative).
--
-- It is computed exactly, in integers, by long division: the whole part, then four decimal digits, then the
-- remainder decides the rounding (r4 >= denominator - r4 is 2·r4 >= denominator without overflow). A double division
-- would round 0.12345 down. Each digit step multiplies a remainder below the denominator by 10, so it is exact up to a
-- denominator of 922,337,203,685,477,580 (460,000 jobs at the count cap); beyond that it falls back to round() on a
-- double. The ratio is a REAL, the double nearest the exact multiple of 0.0001, so 4 decimals print it exactly.
SELECT
    *,
    CASE WHEN denominator <= 0 OR numerator < 0 OR numerator > denominator THEN NULL
         WHEN denominator > 922337203685477580 THEN round(CAST(numerator AS REAL) / denominator, 4)
         ELSE (10000 * whole + 1000 * d1 + 100 * d2 + 10 * d3 + d4 + (r4 >= denominator - r4)) / 10000.0
    END AS ratio
FROM (
    SELECT *, (10 * r3) / denominator AS d4, (10 * r3) % denominator AS r4
    FROM (
        SELECT *, (10 * r2) / denominator AS d3, (10 * r2) % denominator AS r3
        FROM (
            SELECT *, (10 * r1) / denominator AS d2, (10 * r1) % denominator AS r2
            FROM (
                SELECT *, (10 * r0) / denominator AS d1, (10 * r0) % denominator AS r1
                FROM (
                    SELECT *, numerator / denominator AS whole, numerator % denominator AS r0
                    FROM ratio_inputs
                )
            )
        )
    )
)
