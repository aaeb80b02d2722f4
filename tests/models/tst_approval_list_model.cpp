// The approvals list: a well-behaved model (QAbstractItemModelTester), waiting
// approvals first, decisions replacing rows in place, stale answers ignored,
// reasons shown without card numbers.
#include "approval_list_model.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QtTest>

using namespace wf;

namespace {

Approval approval(const QString& id, ApprovalState state, qint64 requestedMs,
                  const QString& by = QStringLiteral("alice"))
{
    Approval a;
    a.id = id;
    a.mismatchId = QStringLiteral("mm-") + id;
    a.action = ResolutionAction::Refund;
    a.amount = {125000, QStringLiteral("EUR")};
    a.requestedBy = by;
    a.reason = QStringLiteral("customer asked twice");
    a.requestedMs = requestedMs;
    a.state = state;
    if (state == ApprovalState::Approved || state == ApprovalState::Rejected) {
        a.decidedBy = QStringLiteral("bob");
        a.decidedMs = requestedMs + 60000;
    }
    return a;
}

}  // namespace

class TestApprovalListModel : public QObject {
    Q_OBJECT
private slots:
    void waitingFirstOldestFirst()
    {
        ApprovalListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setApprovals({approval("d1", ApprovalState::Approved, 1000),
                            approval("p2", ApprovalState::Pending, 3000),
                            approval("d2", ApprovalState::Rejected, 5000),
                            approval("p1", ApprovalState::Pending, 2000)});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(ApprovalListModel::ColumnCount));
        QStringList order;
        for (int r = 0; r < model.rowCount(); ++r)
            order << model.index(r, 0).data(ApprovalListModel::ApprovalIdRole).toString();
        QCOMPARE(order, (QStringList{"p1", "p2", "d2", "d1"}));
        QCOMPARE(model.pendingCount(), 2);
        QCOMPARE(model.rowOf("d2"), 2);
        QCOMPARE(model.rowOf("nope"), -1);
    }

    void cellsAndRoles()
    {
        ApprovalListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Approval a = approval("p1", ApprovalState::Pending, 1714557600000);  // 2024-05-01 10:00
        a.reason = QStringLiteral("card 4111 1111 1111 1111 charged twice");
        model.setApprovals({a});
        auto cell = [&](int col, int role = Qt::DisplayRole) {
            return model.index(0, col).data(role);
        };
        QCOMPARE(cell(ApprovalListModel::RequestedColumn).toString(),
                 QStringLiteral("05-01 10:00"));
        QCOMPARE(cell(ApprovalListModel::MismatchColumn).toString(), QStringLiteral("mm-p1"));
        QCOMPARE(cell(ApprovalListModel::ActionColumn).toString(), QStringLiteral("Refund"));
        QCOMPARE(cell(ApprovalListModel::AmountColumn).toString(), QStringLiteral("1,250.00 EUR"));
        QCOMPARE(cell(ApprovalListModel::RequestedByColumn).toString(), QStringLiteral("alice"));
        QCOMPARE(cell(ApprovalListModel::StateColumn).toString(), QStringLiteral("Waiting"));
        QCOMPARE(cell(ApprovalListModel::DecidedByColumn).toString(), QString());
        const QString reason = cell(ApprovalListModel::ReasonColumn).toString();
        QVERIFY2(!reason.contains(QStringLiteral("4111 1111 1111 1111")), qPrintable(reason));
        QVERIFY(reason.contains(QStringLiteral("1111")));
        QVERIFY(!cell(0, Qt::ToolTipRole).toString().contains(QStringLiteral("4111 1111")));
        QCOMPARE(cell(0, ApprovalListModel::RequestedByRole).toString(), QStringLiteral("alice"));
        QCOMPARE(cell(0, ApprovalListModel::StateRole).toInt(), int(ApprovalState::Pending));
        QCOMPARE(cell(ApprovalListModel::StateColumn, Qt::ForegroundRole).value<QColor>(),
                 QColor(0xe0, 0xb0, 0x4a));
        QCOMPARE(model.headerData(ApprovalListModel::DecidedByColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Decided by"));
    }

    void decisionReplacesInPlace()
    {
        ApprovalListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setApprovals({approval("p1", ApprovalState::Pending, 1000),
                            approval("p2", ApprovalState::Pending, 2000)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(model.applyDecision(approval("p2", ApprovalState::Approved, 2000)), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.approval(1).state, ApprovalState::Approved);
        QCOMPARE(model.approval(1).decidedBy, QStringLiteral("bob"));
        QCOMPARE(model.index(1, ApprovalListModel::StateColumn).data().toString(),
                 QStringLiteral("Approved"));
        QCOMPARE(model.pendingCount(), 1);

        // A waiting state arriving after the decision is stale.
        QCOMPARE(model.applyDecision(approval("p2", ApprovalState::Pending, 2000)), -1);
        QCOMPARE(model.approval(1).state, ApprovalState::Approved);

        // One this list did not have is added at the end.
        QCOMPARE(model.applyDecision(approval("p3", ApprovalState::Pending, 3000)), 2);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.pendingCount(), 2);
    }

    void emptyAndReset()
    {
        ApprovalListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setApprovals({approval("p1", ApprovalState::Pending, 1000)});
        model.setApprovals({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.pendingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestApprovalListModel)
#include "tst_approval_list_model.moc"
