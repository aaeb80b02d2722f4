#pragma once

// What the Trends view reads from the platform, off the UI thread: every
// journey's history over the range at a coarse resolution (never raw
// samples for a quarter), the deploys started in it and the flag changes
// made in it (ListFlagChanges; a platform without that call leaves them
// unknown, said in flagChangesProblem). Every call has a deadline. One load
// at a time; a newer request replaces one not started yet.

#include "change_types.h"
#include "endpoint_config.h"
#include "health_types.h"

#include <QHash>
#include <QObject>
#include <QThread>

namespace watchfloor::v1 {
class FlagAuditEntry;
class GetHistoryResponse;
}  // namespace watchfloor::v1

namespace wf {

struct TrendHistory {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 resolutionMs = 0;
    qint64 platformTimeMs = 0;
    // "journey-id/region" -> buckets, oldest first.
    QHash<QString, QVector<HealthPoint>> series;
    QVector<Deploy> deploys;
    QVector<FlagChangeRecord> flagChanges;  // oldest first
    QString flagChangesProblem;             // empty: flagChanges is complete
    qint64 loadMs = 0;                      // how long the calls took

    static QString key(const QString& journey, const QString& region)
    {
        return journey + QLatin1Char('/') + region;
    }
};

// The buckets of a GetHistory answer into `out` (a bad bucket is left out).
void readHistory(const watchfloor::v1::GetHistoryResponse& resp, TrendHistory* out);
FlagChangeRecord toFlagChangeRecord(const watchfloor::v1::FlagAuditEntry& e);

class TrendsClientWorker;

class TrendsClient : public QObject {
    Q_OBJECT
public:
    explicit TrendsClient(QObject* parent = nullptr);
    ~TrendsClient() override;

    void setEndpoint(const EndpointConfig& config);
    // The buckets are `resolutionMs` wide (aligned by the platform).
    void load(qint64 fromMs, qint64 toMs, qint64 resolutionMs);

signals:
    void loaded(const wf::TrendHistory& history);
    void failed(const QString& message);

private:
    QThread thread_;
    TrendsClientWorker* worker_;
};

}  // namespace wf

Q_DECLARE_METATYPE(wf::TrendHistory)
