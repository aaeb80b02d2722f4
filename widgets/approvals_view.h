#pragma once

// The approvals queue for approvers: money-moving reconciliation actions
// waiting for a second person, with "Approve…" and "Reject…" for the selected
// one. Nobody decides their own request (the server refuses it too).

#include "recon_types.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;

namespace wf {

class ApprovalListModel;
class RecordTableView;

class ApprovalsView : public QWidget {
    Q_OBJECT
public:
    explicit ApprovalsView(ApprovalListModel* model, QWidget* parent = nullptr);

    // Who is signed in and whether their role may decide approvals.
    void setSession(const QString& actor, bool mayApprove);
    // The platform's thresholds, one per currency.
    void setThresholds(const QVector<wf::Money>& thresholds);
    void selectApproval(const QString& id);
    QString selectedApprovalId() const;
    bool showDecided() const;

    RecordTableView* table() const { return table_; }
    QPushButton* approveButton() const { return approve_; }
    QPushButton* rejectButton() const { return reject_; }
    QLabel* thresholdsLabel() const { return thresholds_; }

signals:
    void decideRequested(const wf::Approval& approval, bool approve);
    void refreshRequested(bool includeDecided);

private:
    void updateState();
    void fitColumns();
    void decide(bool approve);

    ApprovalListModel* model_;
    QLabel* thresholds_;
    QCheckBox* showDecided_;
    QPushButton* refresh_;
    QLabel* count_;
    QPushButton* approve_;
    QPushButton* reject_;
    RecordTableView* table_;
    QString actor_;
    bool mayApprove_ = false;
    QString keepSelection_;  // across a reset
};

}  // namespace wf
