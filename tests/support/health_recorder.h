#pragma once

// Records what a JourneyHealthClient delivers, for assertions: the catalog,
// each history load, every live sample's sequence, problems and statuses.

#include "journey_health_client.h"

#include <QObject>
#include <QStringList>
#include <vector>

namespace wf::test {

class HealthRecorder : public QObject {
    Q_OBJECT
public:
    explicit HealthRecorder(JourneyHealthClient* client);

    PlatformCatalog catalog;
    QVector<HealthHistory> histories;
    // Sequences of live samples received since the last history load.
    std::vector<quint64> sequences;
    qint64 samplesTotal = 0;
    QStringList problems;
    QVector<ConnectionStatus> statuses;

    // Empty when the live sequences continue the history's up_to_sequence
    // without a gap or a duplicate; else a description of the first fault.
    QString checkContiguous() const;
    quint64 lastSequence() const { return sequences.empty() ? 0 : sequences.back(); }
    bool sawState(ConnectionState s) const;
    QString lastDetail() const;
};

}  // namespace wf::test
