#pragma once

// Writes a status update: the prefilled draft (current conditions, actions
// taken, needs, next update time), copied as plain text or as Markdown for
// a chat channel, and posted to the incident's timeline.

#include "status_update_draft.h"

#include <QDialog>

class QDateTimeEdit;
class QPlainTextEdit;
class QPushButton;

namespace wf {

class StatusUpdateDialog : public QDialog {
    Q_OBJECT
public:
    StatusUpdateDialog(const Incident& incident, const StatusUpdateDraft& draft, qint64 nowMs,
                       QWidget* parent = nullptr);

    StatusUpdateDraft draft() const;
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
    QPushButton* post_;
};

}  // namespace wf
