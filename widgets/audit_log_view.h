#pragma once

// The local audit log: every action this console sent, with its outcome;
// verify the hash chain and export to CSV.

#include <QWidget>

class QLabel;
class QPushButton;

namespace wf {

class AuditLogModel;
class RecordTableView;

class AuditLogView : public QWidget {
    Q_OBJECT
public:
    explicit AuditLogView(AuditLogModel* model, QWidget* parent = nullptr);

    void showVerification(bool ok, const QString& message);
    QLabel* statusLabel() const { return status_; }

signals:
    void verifyRequested();
    void exportRequested(const QString& file);

private:
    RecordTableView* table_;
    QLabel* status_;
};

}  // namespace wf
