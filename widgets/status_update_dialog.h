#pragma once

// Writes a status update: the prefilled draft (current conditions, actions
// taken, needs, next update time), copied as plain text or as Markdown for
// a chat channel, and posted to the incident's timeline.

#include "status_update_draft.h"

#include <QDialog>

class QDateTimeEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace wf {

class StatusUpdateDialog : public QDialog {
    Q_OBJECT
public:
    // `everyMinutes`: this severity's reminder cadence, offered for change.
    StatusUpdateDialog(const Incident& incident, const StatusUpdateDraft& draft, qint64 nowMs,
                       int everyMinutes, QWidget* parent = nullptr);

    StatusUpdateDraft draft() const;
    // The cadence for this severity as set (kept as the default from now on).
    int everyMinutes() const;
    QSpinBox* everyField() const { return every_; }
    QString plainText() const;
    QString markdown() const;
    QPushButton* postButton() const { return post_; }

private:
    Incident incident_;
    qint64 nowMs_;
    QPlainTextEdit* conditions_;
    QPlainTextEdit* actions_;
    QPlainTextEdit* needs_;
    QDateTimeEdit* next_;
    QSpinBox* every_;
    QPushButton* post_;
};

}  // namespace wf
