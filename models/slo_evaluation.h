#pragma once

// The SLO engine: error budget, burn rates over the alert windows and the
// multi-window, multi-burn-rate alert state of the Google SRE Workbook
// ("Alerting on SLOs"), exactly as the product brief defines them.
//
//   error budget   = 1 - objective
//   burn rate      = observed error ratio / (1 - objective)
//   page           when burn(1 h) > 14.4 and burn(5 m) > 14.4,
//                  or   burn(6 h) > 6    and burn(30 m) > 6
//   ticket         when burn(3 d) > 1    and burn(6 h) > 1
//
// Pure functions over counted windows, so every figure can be checked by hand.

#include <QString>
#include <array>
#include <optional>

namespace wf {

enum class AlertLevel { Unknown, Ok, Ticket, Page };

enum BurnWindow { Window5m, Window30m, Window1h, Window6h, Window3d, BurnWindowCount };

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr std::array<qint64, BurnWindowCount> kBurnWindowMs = {5 * kMinuteMs, 30 * kMinuteMs,
                                                               kHourMs, 6 * kHourMs, 3 * kDayMs};
QString burnWindowLabel(int window);

// Below this share of recent data (the 5 m window) the state is Unknown.
constexpr double kMinRecentCoverage = 0.5;
// Below this share of the SLO window the budget is shown as partial.
constexpr double kMinBudgetCoverage = 0.9;

// Events counted in a window that ends now.
struct WindowCounts {
    qint64 good = 0;
    qint64 valid = 0;
    qint64 coveredMs = 0;  // how much of the window data covers
    qint64 lengthMs = 0;   // the window's length

    WindowCounts& operator+=(const WindowCounts& o);
    qint64 bad() const { return valid - good; }
    // NaN when there were no valid events.
    double errorRatio() const;
    double coverage() const;
};

struct SloInputs {
    std::array<WindowCounts, BurnWindowCount> windows;
    WindowCounts sloWindow;  // the whole SLO window (28 d)

    SloInputs& operator+=(const SloInputs& o);
};

struct AlertRule {
    AlertLevel level;
    BurnWindow longWindow;
    BurnWindow shortWindow;
    double threshold;
};
constexpr std::array<AlertRule, 3> kAlertRules = {{
    {AlertLevel::Page, Window1h, Window5m, 14.4},
    {AlertLevel::Page, Window6h, Window30m, 6.0},
    {AlertLevel::Ticket, Window3d, Window6h, 1.0},
}};

struct RuleResult {
    bool longOver = false;
    bool shortOver = false;
    bool fired() const { return longOver && shortOver; }
};

struct SloStatus {
    AlertLevel level = AlertLevel::Unknown;
    double objective = 0;
    double sliNow = qQNaN();                     // good/valid over the last 5 minutes
    std::array<double, BurnWindowCount> burn{};  // NaN where a window holds no events
    std::array<double, BurnWindowCount> coverage{};
    std::array<RuleResult, kAlertRules.size()> rules{};
    double budgetRemaining = qQNaN();  // fraction of the SLO window's budget left; < 0 overspent
    double budgetCoverage = 0;         // share of the SLO window with data
    bool budgetPartial = true;         // budgetCoverage < kMinBudgetCoverage
    // At the 1 h burn rate; empty when the budget is not being spent.
    std::optional<qint64> timeToExhaustionMs;

    // Several lines, for a tooltip or the details pane.
    QString explanation() const;
};

double burnRate(double errorRatio, double objective);
SloStatus evaluateSlo(const SloInputs& in, double objective, qint64 sloWindowMs);

QString alertLevelName(AlertLevel level);
QString formatDuration(qint64 ms);

}  // namespace wf
