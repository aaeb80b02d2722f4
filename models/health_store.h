#pragma once

// Everything the console knows about journey health: the platform's catalog,
// one HealthSeries per journey and region, and the SLO status of each (and of
// each journey over all regions). Lives on the UI thread; ingesting a batch is
// cheap and statuses are recomputed at most a few times per second.

#include "health_series.h"
#include "health_types.h"
#include "slo_evaluation.h"

#include <QObject>
#include <QTimer>
#include <vector>

namespace wf {

class HealthStore : public QObject {
    Q_OBJECT
public:
    explicit HealthStore(QObject* parent = nullptr);

    void setCatalog(const PlatformCatalog& catalog);
    // Replaces all data (a first load, or a new stream epoch).
    void setHistory(const HealthHistory& history);
    void ingest(const HealthBatch& batch);

    const PlatformCatalog& catalog() const { return catalog_; }
    int journeyCount() const { return int(catalog_.journeys.size()); }
    int regionCount() const { return int(catalog_.regions.size()); }
    const HealthSeries& series(int journey, int region) const;
    QString epoch() const { return epoch_; }
    // The newest sample's end: the platform's "now" as far as we know it.
    qint64 latestMs() const { return latestMs_; }
    // Last sequence received in this epoch (the resume point).
    quint64 lastSequence() const { return lastSequence_; }

    // region -1 = the journey over all regions.
    SloInputs inputs(int journey, int region) const;
    const SloStatus& status(int journey, int region) const;

    struct Counters {
        qint64 samples = 0;
        qint64 duplicates = 0;
        qint64 outOfOrder = 0;
    };
    const Counters& counters() const { return counters_; }

    // Recomputes statuses now (normally done by a timer after ingest).
    void recompute();
    void setRecomputeInterval(int ms) { recomputeTimer_.setInterval(ms); }

signals:
    void catalogAboutToChange();
    void catalogChanged();
    void historyReset();
    void samplesAppended(int count);
    void statusesChanged();

private:
    int statusIndex(int journey, int region) const;

    PlatformCatalog catalog_;
    std::vector<HealthSeries> series_;
    std::vector<SloStatus> statuses_;  // per journey: [overall, region 0, region 1, ...]
    QString epoch_;
    qint64 latestMs_ = 0;
    quint64 lastSequence_ = 0;
    Counters counters_;
    QTimer recomputeTimer_;
    qint64 appendsSinceTrim_ = 0;
};

}  // namespace wf
