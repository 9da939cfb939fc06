using System.Globalization;
using Fibo.Actors.Domain.Dataset;
using Fibo.Actors.Domain.Features;
using Fibo.Messages.MarketData;

namespace Fibo.Actors.Domain.Audit;

/// <summary>What the audit looks at: the pipeline's unscaled features, its scaled frame and scaler, and its settings.</summary>
public sealed record AuditInput(FeatureFrame Features, int LoadedRows, int SeqLen, int Horizon)
{
    /// <summary>The scaled frame the pipeline feeds the model (same rows and columns as <see cref="Features"/>).</summary>
    public FeatureFrame? Scaled { get; init; }

    public StandardScaler? Scaler { get; init; }
    public double ValFraction { get; init; } = 0.2;
    public double TestFraction { get; init; } = 0.1;

    /// <summary>Whether the pipeline purged its split (decides which rows a train-only scaler may have seen).</summary>
    public bool Purge { get; init; } = true;

    /// <summary>
    /// The candles the features were computed from and the set that computed them: enables the recompute check
    /// (features of a prefix of the candles must equal the full run's rows).
    /// </summary>
    public Candle[]? Candles { get; init; }

    /// <summary>The batch implementation that computed <see cref="Features"/>.</summary>
    public IBatchFeatures? Batch { get; init; }

    /// <summary>Builds the input from a prepared dataset (the clean pipeline) and, optionally, its candles.</summary>
    public static AuditInput From(PreparedDataset ds, Candle[]? candles = null) =>
        new(ds.Features, ds.CandleCount, ds.Request.Sequences.SeqLen, ds.Request.Sequences.MaxHorizon)
        {
            Candles = candles,
            Batch = candles is null ? null : ds.Request.Set.CreateBatch(),
            Scaled = ds.Scaled,
            Scaler = ds.Scaler,
            ValFraction = ds.Request.ValFraction,
            TestFraction = ds.Request.TestFraction,
            Purge = ds.Request.Purge,
        };
}

/// <summary>Knobs of our permutation test.</summary>
public sealed record AuditOptions
{
    public int Permutations { get; init; } = 19;
    public int Seed { get; init; } = 20240601;
    public double RidgeLambda { get; init; } = 1e-3;

    /// <summary>Out-of-sample R² above which real skill is reported (WARN): genuine predictability or a subtle leak.</summary>
    public double SkillThreshold { get; init; } = 0.1;

    /// <summary>
    /// Out-of-sample R² above which skill is "too good to be true" and counts as a leak. Genuine microstructure
    /// (bid-ask bounce) reached R² ≈ 0.17 for h = 1 on the bundled 2018 5m/1m pairs, so the default is well above.
    /// </summary>
    public double LeakSkillThreshold { get; init; } = 0.5;

    /// <summary>Prefixes recomputed by the look-ahead check.</summary>
    public int RecomputeSamples { get; init; } = 12;
}

/// <summary>
/// The seed's Audit tab (SEED-SPEC §10.6) with its thresholds, plus our checks: the exact rows the scaler was fit on,
/// correlation with the future return, and a permutation test (a linear model on the last row of each window; with
/// the training targets shuffled its skill must collapse, and real skill far above that is a leak).
/// </summary>
public static class LeakageAudit
{
    private static readonly string[] MetadataNames = ["timestamp", "symbol", "created_at", "updated_at", "ts"];
    private static readonly string[] SuspiciousParts = ["shift", "t+1", "next", "future", "target", "_lead", "_lag"];
    private static readonly string[] FutureParts = ["t+1", "next", "future", "target", "_lead"];

    public static AuditReport Run(AuditInput input, AuditOptions? options = null)
    {
        options ??= new AuditOptions();
        var checks = new List<AuditCheck>();
        var f = input.Features;
        if (f.RowCount == 0)
        {
            checks.Add(new AuditCheck("df_features_present", AuditStatus.Warn, false, "df_features is None"));
            return new AuditReport(checks, new AuditSummary(f.ColumnCount, 0, input.SeqLen, input.Horizon, input.Scaler is not null));
        }
        checks.Add(new AuditCheck("df_features_present", AuditStatus.Ok, false, $"shape ({f.RowCount}, {f.ColumnCount})", new { rows = f.RowCount, columns = f.ColumnCount }));

        var meta = f.Columns.Where(c => MetadataNames.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        checks.Add(new AuditCheck("metadata_columns", meta.Count > 0 ? AuditStatus.Warn : AuditStatus.Ok, false,
            meta.Count > 0 ? $"metadata columns used as features: {string.Join(", ", meta)}" : "no metadata columns among the features", meta));

        int dropped = input.LoadedRows - f.RowCount;
        checks.Add(new AuditCheck("dropna_rows", AuditStatus.Ok, false, $"{dropped} rows dropped by dropna (warm-up and incomplete rows)", dropped));

        checks.Add(ScaledStats(input));
        checks.Add(ScalerFitRows(input));
        checks.Add(ScalerNames(input));

        var close = f.Close.ToArray();
        var featureCols = Enumerable.Range(0, f.ColumnCount)
            .Where(c => !MetadataNames.Contains(f.Columns[c], StringComparer.OrdinalIgnoreCase) && f.Columns[c] != "close").ToArray();
        checks.Add(ExactShiftMatches(f, featureCols, close, input.Horizon));
        checks.Add(FutureCloseCorrelation(f, featureCols, close, input.Horizon));
        checks.Add(FutureReturnCorrelation(f, featureCols, close, input.Horizon));
        checks.Add(SuspiciousNames(f));
        checks.Add(RecommendedTrainEnd(input));
        checks.Add(RecomputeOnPrefixes(input, options));
        checks.Add(PermutationTest(input, options));

        return new AuditReport(checks, new AuditSummary(f.ColumnCount, f.RowCount, input.SeqLen, input.Horizon, input.Scaler is not null || input.Scaled is not null));
    }

    // 3. The seed's heuristic: over the scaled columns, mean ≈ 0 (|m| < 1e-2) and std ≈ 1 (|s − 1| < 0.05) for more
    // than 80 % of them suggests a scaler fit on all rows. WARN only: stationary features can look like that anyway.
    private static AuditCheck ScaledStats(AuditInput input)
    {
        if (input.Scaled is null) return new AuditCheck("scaled_stats", AuditStatus.NotApplicable, false, "no scaled frame");
        var s = input.Scaled;
        int nearZero = 0, nearOne = 0;
        for (int c = 0; c < s.ColumnCount; c++)
        {
            var (mean, std) = MeanStd(s.Column(c));
            if (Math.Abs(mean) < 1e-2) nearZero++;
            if (Math.Abs(std - 1) < 0.05) nearOne++;
        }
        int n = s.ColumnCount;
        bool suspect = nearZero > 0.8 * n && nearOne > 0.8 * n;
        string msg = $"{n} cols: {nearZero}≈0-mean ({Pct(nearZero, n)}), {nearOne}≈1-std ({Pct(nearOne, n)})" +
                     (suspect ? "; possible_scaler_fitted_on_all" : "; scaler_stats_ok");
        return new AuditCheck("scaled_stats", suspect ? AuditStatus.Warn : AuditStatus.Ok, false, msg, new { columns = n, nearZero, nearOne });
    }

    // Ours: the scaler (given, or recovered from raw vs scaled values) must equal one fit on the training input rows only.
    private static AuditCheck ScalerFitRows(AuditInput input)
    {
        var f = input.Features;
        StandardScaler? scaler = input.Scaler;
        if (scaler is null && input.Scaled is not null) scaler = Recover(f, input.Scaled);
        if (scaler is null) return new AuditCheck("scaler_fit_rows", AuditStatus.NotApplicable, false, "no scaler");
        int trainEnd;
        try
        {
            var (endRows, _, _) = SequenceBuilder.PlanWindows(f.Timestamps, new SequenceOptions(input.SeqLen, input.Horizon));
            trainEnd = TemporalSplit.Split(endRows, input.Horizon, input.ValFraction, input.TestFraction, input.Purge).TrainRowsEnd;
        }
        catch (InputException e)
        {
            return new AuditCheck("scaler_fit_rows", AuditStatus.NotApplicable, false, $"cannot split: {e.Message}");
        }
        var common = scaler.FeatureNames.Where(n => f.IndexOf(n) >= 0).ToList();
        if (common.Count == 0) return new AuditCheck("scaler_fit_rows", AuditStatus.NotApplicable, false, "the scaler names none of the features");
        var reference = StandardScaler.Fit(f.SelectColumns(common), trainEnd);
        var bad = new List<string>();
        for (int i = 0; i < common.Count; i++)
        {
            int j = scaler.FeatureNames.ToList().IndexOf(common[i]);
            double m = scaler.Mean[j], s = scaler.Scale[j];
            double tol = 1e-6 * Math.Max(reference.Scale[i], 1e-12);
            if (Math.Abs(m - reference.Mean[i]) > tol + 1e-9 * Math.Abs(reference.Mean[i]) || Math.Abs(s - reference.Scale[i]) > 1e-6 * reference.Scale[i])
                bad.Add(common[i]);
        }
        bool leak = bad.Count > 0;
        string msg = leak
            ? $"{bad.Count} of {common.Count} columns were not scaled with statistics of the training rows [0, {trainEnd}] (e.g. {string.Join(", ", bad.Take(5))}): the scaler saw validation/test rows"
            : $"scaler statistics equal a fit on the training rows [0, {trainEnd}] only";
        return new AuditCheck("scaler_fit_rows", leak ? AuditStatus.Warn : AuditStatus.Ok, leak, msg, new { trainRowsEnd = trainEnd, mismatched = bad });
    }

    // Raw x and scaled z = (x − m)/s: two rows with different x give s and m.
    private static StandardScaler? Recover(FeatureFrame raw, FeatureFrame scaled)
    {
        var names = new List<string>();
        var means = new List<double>();
        var scales = new List<double>();
        foreach (var name in scaled.Columns)
        {
            int rc = raw.IndexOf(name), sc = scaled.IndexOf(name);
            if (rc < 0) continue;
            double x0 = raw[0, rc], z0 = scaled[0, sc];
            double s = double.NaN;
            for (int r = 1; r < raw.RowCount; r++)
            {
                double dx = raw[r, rc] - x0, dz = scaled[r, sc] - z0;
                if (Math.Abs(dx) > 1e-12 * Math.Max(1, Math.Abs(x0)) && dz != 0) { s = dx / dz; break; }
            }
            if (!(s > 0)) { s = 1; }
            names.Add(name);
            means.Add(x0 - z0 * s);
            scales.Add(s);
        }
        return names.Count == 0 ? null : new StandardScaler(names, means, scales);
    }

    private static AuditCheck ScalerNames(AuditInput input)
    {
        if (input.Scaler is null) return new AuditCheck("scaler_feature_names_alignment", AuditStatus.NotApplicable, false, "no scaler");
        var missing = input.Scaler.FeatureNames.Where(n => input.Features.IndexOf(n) < 0).ToList();
        return new AuditCheck("scaler_feature_names_alignment", missing.Count == 0 ? AuditStatus.Ok : AuditStatus.Warn, false,
            missing.Count == 0 ? "every scaler feature name is present" : $"{missing.Count} scaler feature names missing from the features: {string.Join(", ", missing)}", missing.Count);
    }

    // 5. A feature equal (allclose, atol = rtol = 1e-6, ≥ 10 rows) to the close k bars ahead, k = 1 … min(5, max(1, h)).
    private static AuditCheck ExactShiftMatches(FeatureFrame f, int[] cols, double[] close, int horizon)
    {
        var matches = new List<object>();
        int maxK = Math.Min(5, Math.Max(1, horizon));
        foreach (int c in cols)
        {
            var x = f.Column(c);
            for (int k = 1; k <= maxK; k++)
            {
                int valid = 0;
                bool all = true;
                for (int r = 0; r + k < close.Length && all; r++)
                {
                    double a = x[r], b = close[r + k];
                    if (double.IsNaN(a) || double.IsNaN(b)) continue;
                    valid++;
                    all = Math.Abs(a - b) <= 1e-6 + 1e-6 * Math.Abs(b);
                }
                if (all && valid >= 10) matches.Add(new { feature = f.Columns[c], shift = k });
            }
        }
        bool leak = matches.Count > 0;
        return new AuditCheck("exact_shift_matches", leak ? AuditStatus.Warn : AuditStatus.Ok, leak,
            leak ? $"{matches.Count} feature(s) equal a future close: {string.Join(", ", matches.Select(m => m.ToString()))}" : $"no feature equals the close 1…{maxK} bars ahead", matches);
    }

    // 6. |Pearson(col, close.shift(−h))| > 0.95 over ≥ 20 rows: the seed WARNs; a leak when the column tracks the
    // future close more closely than the present one (price levels track the present, which v1 is full of).
    private static AuditCheck FutureCloseCorrelation(FeatureFrame f, int[] cols, double[] close, int horizon)
    {
        var flagged = new List<object>();
        var leaks = new List<string>();
        var future = Shift(close, horizon);
        foreach (int c in cols)
        {
            var x = f.Column(c);
            var (corr, n) = Pearson(x, future);
            if (n < 20 || !(Math.Abs(corr) > 0.95)) continue;
            var (now, _) = Pearson(x, close);
            flagged.Add(new { feature = f.Columns[c], corrFuture = corr, corrPresent = now });
            if (Math.Abs(corr) > Math.Abs(now)) leaks.Add(f.Columns[c]);
        }
        bool leak = leaks.Count > 0;
        string msg = flagged.Count == 0 ? "no feature has |corr| > 0.95 with the close h bars ahead"
            : $"{flagged.Count} feature(s) with |corr| > 0.95 with the close h bars ahead" +
              (leak ? $"; closer to the future than to the present close: {string.Join(", ", leaks)}" : " (all track the present close at least as closely: price levels, not a leak)");
        return new AuditCheck("very_high_corr_with_future_close", flagged.Count > 0 ? AuditStatus.Warn : AuditStatus.Ok, leak, msg, flagged);
    }

    // Ours: no honest feature explains the future h-bar log return with |corr| > 0.95.
    private static AuditCheck FutureReturnCorrelation(FeatureFrame f, int[] cols, double[] close, int horizon)
    {
        var ret = new double[close.Length];
        for (int r = 0; r < close.Length; r++) ret[r] = r + horizon < close.Length ? Math.Log(close[r + horizon]) - Math.Log(close[r]) : double.NaN;
        var flagged = new List<object>();
        foreach (int c in cols)
        {
            var (corr, n) = Pearson(f.Column(c), ret);
            if (n >= 20 && Math.Abs(corr) > 0.95) flagged.Add(new { feature = f.Columns[c], corr });
        }
        bool leak = flagged.Count > 0;
        return new AuditCheck("very_high_corr_with_future_return", leak ? AuditStatus.Warn : AuditStatus.Ok, leak,
            leak ? $"{flagged.Count} feature(s) with |corr| > 0.95 with the future {horizon}-bar log return: {string.Join(", ", flagged)}" : $"no feature has |corr| > 0.95 with the future {horizon}-bar log return", flagged);
    }

    private static AuditCheck SuspiciousNames(FeatureFrame f)
    {
        var hits = f.Columns.Where(c => SuspiciousParts.Any(p => c.Contains(p, StringComparison.OrdinalIgnoreCase))).ToList();
        var leaks = hits.Where(c => FutureParts.Any(p => c.Contains(p, StringComparison.OrdinalIgnoreCase))).ToList();
        return new AuditCheck("suspicious_feature_names", hits.Count > 0 ? AuditStatus.Warn : AuditStatus.Ok, leaks.Count > 0,
            hits.Count > 0 ? $"names suggesting shifted or future data: {string.Join(", ", hits)}" : "no suspicious names", hits);
    }

    // 8. The seed's advice: n_val = max(1, round(val·n_seq)), train_rows_end = seq_len + n_train − 1.
    private static AuditCheck RecommendedTrainEnd(AuditInput input)
    {
        int n = input.Features.RowCount;
        int nSeq = n - input.SeqLen - input.Horizon + 1;
        if (nSeq <= 1) return new AuditCheck("recommended_train_end", AuditStatus.NotApplicable, false, $"not enough rows ({n}) for seq_len {input.SeqLen} + horizon {input.Horizon}");
        int nVal = Math.Max(1, (int)Math.Round(input.ValFraction * nSeq, MidpointRounding.ToEven));
        int end = input.SeqLen + (nSeq - nVal) - 1;
        return new AuditCheck("recommended_train_end", AuditStatus.Ok, false, $"use df.iloc[:{end + 1}] to fit scaler (train_rows_end = {end}); with a purge fit on the training input rows only", end);
    }

    // Ours: ridge on the last row of each window → y_ret(h); R² on val+test with the real training targets against
    // the same model trained on shuffled targets. Real skill above the threshold and above every permutation is a leak.
    private static AuditCheck PermutationTest(AuditInput input, AuditOptions options)
    {
        var frame = input.Scaled ?? input.Features;
        int f = frame.ColumnCount;
        int[] endRows;
        DatasetSplit split;
        try
        {
            (endRows, _, _) = SequenceBuilder.PlanWindows(frame.Timestamps, new SequenceOptions(input.SeqLen, input.Horizon));
            split = TemporalSplit.Split(endRows, input.Horizon, input.ValFraction, input.TestFraction, input.Purge);
        }
        catch (InputException e)
        {
            return new AuditCheck("permutation_test", AuditStatus.NotApplicable, false, $"cannot build windows: {e.Message}");
        }
        var close = frame.Close.ToArray();
        double[] Rows(IEnumerable<int> seqs) => seqs.SelectMany(i => frame.Row(endRows[i]).ToArray()).ToArray();
        double[] Targets(IEnumerable<int> seqs) => seqs.Select(i => Math.Log(close[endRows[i] + input.Horizon]) - Math.Log(close[endRows[i]])).ToArray();
        var trainIdx = Enumerable.Range(split.Train.Start, split.Train.Count).ToArray();
        var evalIdx = Enumerable.Range(split.Val.Start, split.Val.Count).Concat(Enumerable.Range(split.Test.Start, split.Test.Count)).ToArray();
        var xTrain = Rows(trainIdx);
        var yTrain = Targets(trainIdx);
        var xEval = Rows(evalIdx);
        var yEval = Targets(evalIdx);
        if (xTrain.Any(v => !double.IsFinite(v)) || xEval.Any(v => !double.IsFinite(v)))
            return new AuditCheck("permutation_test", AuditStatus.NotApplicable, false, "the frame has incomplete rows; drop them first");

        double real = RidgeRegression.Fit(xTrain, yTrain, f, options.RidgeLambda).RSquared(xEval, yEval, f);
        var rng = new Random(options.Seed);
        var shuffled = (double[])yTrain.Clone();
        var nulls = new double[options.Permutations];
        for (int p = 0; p < nulls.Length; p++)
        {
            rng.Shuffle(shuffled.AsSpan());
            nulls[p] = RidgeRegression.Fit(xTrain, shuffled, f, options.RidgeLambda).RSquared(xEval, yEval, f);
        }
        int atLeast = nulls.Count(v => v >= real);
        double pValue = (1.0 + atLeast) / (1.0 + nulls.Length);
        double maxNull = nulls.Length > 0 ? nulls.Max() : double.NaN;
        bool skill = real > options.SkillThreshold && atLeast == 0;
        bool leak = skill && real > options.LeakSkillThreshold;
        string verdict = leak
            ? FormattableString.Invariant($"skill above {options.LeakSkillThreshold} that shuffling destroys is too good to be true: the features know the future")
            : skill
                ? FormattableString.Invariant($"real skill above {options.SkillThreshold} that shuffling destroys: genuine predictability (e.g. bid-ask bounce) or a subtle leak; a leak is declared above {options.LeakSkillThreshold}")
                : FormattableString.Invariant($"no skill above {options.SkillThreshold}: consistent with a leak-free pipeline");
        string msg = FormattableString.Invariant($"out-of-sample R² {real:F4} with real targets vs max {maxNull:F4} over {nulls.Length} shuffles (p = {pValue:F3}); {verdict}");
        return new AuditCheck("permutation_test", skill ? AuditStatus.Warn : AuditStatus.Ok, leak, msg,
            new { rSquared = real, maxShuffledRSquared = maxNull, pValue, permutations = nulls.Length, trainWindows = trainIdx.Length, evalWindows = evalIdx.Length });
    }

    // Ours, definitive for a feature set: the row of candle t computed from candles[0..t] only must equal the row of
    // the full run (any difference means a feature looked ahead).
    private static AuditCheck RecomputeOnPrefixes(AuditInput input, AuditOptions options)
    {
        if (input.Candles is null || input.Batch is null)
            return new AuditCheck("recompute_on_prefixes", AuditStatus.NotApplicable, false, "no candles to recompute the features from");
        var f = input.Features;
        var batch = input.Batch;
        var differing = new List<object>();
        int samples = Math.Min(options.RecomputeSamples, f.RowCount);
        for (int s = 0; s < samples; s++)
        {
            int row = (int)((long)(f.RowCount - 1) * s / Math.Max(1, samples - 1));
            int source = f.SourceRows[row];
            var prefix = batch.Compute(input.Candles.AsSpan(0, source + 1));
            var full = f.Row(row);
            for (int c = 0; c < f.ColumnCount; c++)
            {
                int pc = prefix.IndexOf(f.Columns[c]);
                if (pc < 0) continue;
                double a = prefix[source, pc], b = full[c];
                if (!a.Equals(b)) { differing.Add(new { feature = f.Columns[c], candle = source, prefix = a, full = b }); break; }
            }
        }
        bool leak = differing.Count > 0;
        return new AuditCheck("recompute_on_prefixes", leak ? AuditStatus.Warn : AuditStatus.Ok, leak,
            leak ? $"{differing.Count} of {samples} rows change when later candles are added: a feature looks ahead"
                 : $"{samples} rows recomputed from the candles up to their own time equal the full run: no look-ahead", differing);
    }

    private static double[] Shift(double[] x, int k)
    {
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++) r[i] = i + k < x.Length ? x[i + k] : double.NaN;
        return r;
    }

    private static (double Corr, int N) Pearson(double[] a, double[] b)
    {
        double sa = 0, sb = 0;
        int n = 0;
        for (int i = 0; i < a.Length; i++)
            if (double.IsFinite(a[i]) && double.IsFinite(b[i])) { sa += a[i]; sb += b[i]; n++; }
        if (n < 2) return (double.NaN, n);
        double ma = sa / n, mb = sb / n, cov = 0, va = 0, vb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i])) continue;
            double da = a[i] - ma, db = b[i] - mb;
            cov += da * db; va += da * da; vb += db * db;
        }
        return va > 0 && vb > 0 ? (cov / Math.Sqrt(va * vb), n) : (double.NaN, n);
    }

    private static (double Mean, double Std) MeanStd(double[] x)
    {
        double s = 0;
        int n = 0;
        foreach (var v in x) if (double.IsFinite(v)) { s += v; n++; }
        if (n == 0) return (double.NaN, double.NaN);
        double m = s / n, ss = 0;
        foreach (var v in x) if (double.IsFinite(v)) ss += (v - m) * (v - m);
        return (m, Math.Sqrt(ss / n));
    }

    private static string Pct(int k, int n) => (100.0 * k / n).ToString("F0", CultureInfo.InvariantCulture) + "%";
}
