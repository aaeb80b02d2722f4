#include "slo_evaluation.h"

#include <QStringList>
#include <cmath>

namespace wf {

QString burnWindowLabel(int window)
{
    static const char* labels[] = {"5 m", "30 m", "1 h", "6 h", "3 d"};
    return (window >= 0 && window < BurnWindowCount) ? QString::fromLatin1(labels[window])
                                                     : QString();
}

WindowCounts& WindowCounts::operator+=(const WindowCounts& o)
{
    good += o.good;
    valid += o.valid;
    // For an aggregate (all regions) a window is only as covered as its
    // least-covered part, so coverage never overstates what we know.
    coveredMs = (lengthMs == 0 && coveredMs == 0) ? o.coveredMs : std::min(coveredMs, o.coveredMs);
    lengthMs = std::max(lengthMs, o.lengthMs);
    return *this;
}

double WindowCounts::errorRatio() const
{
    return valid > 0 ? double(valid - good) / double(valid) : qQNaN();
}

double WindowCounts::coverage() const
{
    return lengthMs > 0 ? std::clamp(double(coveredMs) / double(lengthMs), 0.0, 1.0) : 0.0;
}

SloInputs& SloInputs::operator+=(const SloInputs& o)
{
    for (int w = 0; w < BurnWindowCount; ++w)
        windows[w] += o.windows[w];
    sloWindow += o.sloWindow;
    return *this;
}

double burnRate(double errorRatio, double objective)
{
    const double budget = 1.0 - objective;
    if (std::isnan(errorRatio) || budget <= 0)
        return qQNaN();
    return errorRatio / budget;
}

SloStatus evaluateSlo(const SloInputs& in, double objective, qint64 sloWindowMs)
{
    SloStatus s;
    s.objective = objective;
    for (int w = 0; w < BurnWindowCount; ++w) {
        s.burn[w] = burnRate(in.windows[w].errorRatio(), objective);
        s.coverage[w] = in.windows[w].coverage();
    }
    const WindowCounts& recent = in.windows[Window5m];
    s.sliNow = recent.valid > 0 ? double(recent.good) / double(recent.valid) : qQNaN();

    // A NaN burn (no events) is never "over": comparisons with NaN are false.
    AlertLevel level = AlertLevel::Ok;
    for (size_t r = 0; r < kAlertRules.size(); ++r) {
        const AlertRule& rule = kAlertRules[r];
        s.rules[r].longOver = s.burn[rule.longWindow] > rule.threshold;
        s.rules[r].shortOver = s.burn[rule.shortWindow] > rule.threshold;
        if (s.rules[r].fired() && int(rule.level) > int(level))
            level = rule.level;
    }
    const bool recentKnown = recent.valid > 0 && s.coverage[Window5m] >= kMinRecentCoverage;
    s.level = recentKnown ? level : AlertLevel::Unknown;

    const WindowCounts& slo = in.sloWindow;
    s.budgetCoverage = slo.coverage();
    s.budgetPartial = s.budgetCoverage < kMinBudgetCoverage;
    const double allowedBad = (1.0 - objective) * double(slo.valid);
    if (slo.valid > 0 && allowedBad > 0)
        s.budgetRemaining = 1.0 - double(slo.bad()) / allowedBad;

    const double burn1h = s.burn[Window1h];
    if (!std::isnan(s.budgetRemaining) && !std::isnan(burn1h) && burn1h > 0) {
        const double left = std::max(0.0, s.budgetRemaining);
        s.timeToExhaustionMs = qint64(left * double(sloWindowMs) / burn1h);
    }
    return s;
}

QString alertLevelName(AlertLevel level)
{
    switch (level) {
        case AlertLevel::Unknown: return QStringLiteral("No data");
        case AlertLevel::Ok: return QStringLiteral("OK");
        case AlertLevel::Ticket: return QStringLiteral("Ticket");
        case AlertLevel::Page: return QStringLiteral("Page");
    }
    return {};
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min").arg(s / 60);
    if (s < 48 * 3600)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    if ((s % 86400) / 3600 == 0)
        return QStringLiteral("%1 d").arg(s / 86400);
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

static QString percent(double v, int decimals = 1)
{
    return std::isnan(v) ? QStringLiteral("–") : QString::number(v * 100.0, 'f', decimals) + '%';
}

static QString burnText(double b)
{
    return std::isnan(b) ? QStringLiteral("no events") : QString::number(b, 'f', 1) + QChar(0xD7);
}

QString SloStatus::explanation() const
{
    QStringList lines;
    if (level == AlertLevel::Unknown) {
        lines << QStringLiteral("No data: the last 5 minutes are %1 covered, too little to judge.")
                     .arg(percent(coverage[Window5m], 0));
    }
    for (size_t r = 0; r < kAlertRules.size(); ++r) {
        const AlertRule& rule = kAlertRules[r];
        const RuleResult& res = rules[r];
        lines << QStringLiteral("%1 rule (%2 over %3 and %4): %5 %6, %7 %8 — %9")
                     .arg(alertLevelName(rule.level))
                     .arg(rule.threshold)
                     .arg(burnWindowLabel(rule.longWindow), burnWindowLabel(rule.shortWindow))
                     .arg(burnWindowLabel(rule.longWindow), burnText(burn[rule.longWindow]))
                     .arg(burnWindowLabel(rule.shortWindow), burnText(burn[rule.shortWindow]))
                     .arg(res.fired() ? QStringLiteral("FIRING")
                          : (res.longOver || res.shortOver)
                              ? QStringLiteral("only the %1 window is over")
                                    .arg(burnWindowLabel(res.longOver ? rule.longWindow
                                                                      : rule.shortWindow))
                              : QStringLiteral("below threshold"));
    }
    if (std::isnan(budgetRemaining))
        lines << QStringLiteral("Error budget: no events in the SLO window.");
    else
        lines << QStringLiteral("Error budget left: %1%2")
                     .arg(percent(budgetRemaining))
                     .arg(budgetPartial ? QStringLiteral(" (partial: data covers only %1 of the "
                                                         "SLO window)")
                                              .arg(percent(budgetCoverage, 0))
                                        : QString());
    if (timeToExhaustionMs)
        lines << QStringLiteral("At the 1 h burn rate the budget is gone in %1.")
                     .arg(formatDuration(*timeToExhaustionMs));
    QStringList cov;
    for (int w = 0; w < BurnWindowCount; ++w)
        cov << QStringLiteral("%1 %2").arg(burnWindowLabel(w), percent(coverage[w], 0));
    lines << QStringLiteral("Data coverage: ") + cov.join(QStringLiteral(", "));
    return lines.join('\n');
}

}  // namespace wf
