// Scenario files (the simulator's --scenario FILE, see sim/README.md): any
// bytes through the strict loader. Properties: a file is either accepted or
// refused with an error that says where; an accepted scenario has only
// finite, in-range times and strengths (what the sample generator and the
// effect timeline compute with), and its effects' strength stays in 0..1.

#include "effect_timeline.h"
#include "fuzz_support.h"
#include "journey_catalog.h"
#include "scenario_loader.h"

#include <cmath>

namespace {

bool finiteTime(double s)
{
    return std::isfinite(s) && s >= -1e9 && s <= 1e9;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const wfsim::JourneyCatalog catalog;
    const wfsim::ScenarioLoader loader(catalog);
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    std::string error;
    const std::optional<wfsim::Scenario> s = loader.parse(json, "fuzz", &error);
    if (!s) {
        FUZZ_CHECK(!error.empty(), QStringLiteral("refused without saying why"));
        return 0;
    }
    FUZZ_CHECK(error.empty(), QString::fromStdString("accepted with an error: " + error));
    for (const std::optional<double>& o : s->objectives)
        if (o)
            FUZZ_CHECK(*o > 0 && *o < 1, QStringLiteral("objective %1").arg(*o));
    for (const wfsim::ScenarioEffect& e : s->effects) {
        FUZZ_CHECK(finiteTime(e.atSeconds) && finiteTime(e.durationSeconds) &&
                       finiteTime(e.rampSeconds) && e.durationSeconds >= 0 && e.rampSeconds >= 0,
                   QStringLiteral("effect at %1 for %2 (ramp %3)")
                       .arg(e.atSeconds)
                       .arg(e.durationSeconds)
                       .arg(e.rampSeconds));
        if (e.sli)
            FUZZ_CHECK(*e.sli > 0 && *e.sli <= 1, QStringLiteral("sli %1").arg(*e.sli));
        if (e.latencyFactor)
            FUZZ_CHECK(std::isfinite(*e.latencyFactor) && *e.latencyFactor > 0,
                       QStringLiteral("latency factor %1").arg(*e.latencyFactor));
        for (double t : {e.atSeconds - 1, e.atSeconds, e.atSeconds + e.rampSeconds / 2,
                         e.endSeconds() - 0.5}) {
            const double k = e.meanIntensity(t, t + 1);
            FUZZ_CHECK(std::isfinite(k) && k >= 0 && k <= 1,
                       QStringLiteral("intensity %1 at %2").arg(k).arg(t));
        }
    }
    for (const wfsim::ScenarioFault& f : s->faults)
        FUZZ_CHECK(finiteTime(f.atSeconds) && f.atSeconds >= 0,
                   QStringLiteral("fault at %1").arg(f.atSeconds));
    for (const wfsim::ScenarioDeploy& d : s->deploys)
        FUZZ_CHECK(finiteTime(d.atSeconds) && finiteTime(d.recoverySeconds),
                   QStringLiteral("deploy at %1").arg(d.atSeconds));
    for (const wfsim::ScenarioVendorFailure& v : s->vendorFailures)
        FUZZ_CHECK(
            finiteTime(v.atSeconds) && finiteTime(v.durationSeconds) && v.errorRate >= 0 &&
                v.errorRate <= 1 && std::isfinite(v.latencyFactor) && v.latencyFactor > 0,
            QStringLiteral("vendor failure at %1 rate %2").arg(v.atSeconds).arg(v.errorRate));
    const wfsim::EffectTimeline timeline(*s);
    (void)timeline.snapshot();
    return 0;
}
