// The postmortem's action items as a table: every column in words, overdue
// open items and unassigned owners marked, done ones greyed; checked with
// QAbstractItemModelTester through resets.
#include "action_item_model.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QtTest>

using namespace wf;

namespace {

ActionItem item(const QString& title, const QString& owner, QDate due, ActionItemStatus status)
{
    ActionItem a;
    a.id = newIncidentRecordId();
    a.incidentId = QStringLiteral("i");
    a.title = title;
    a.owner = owner;
    a.due = due;
    a.status = status;
    return a;
}

}  // namespace

class TestActionItemModel : public QObject {
    Q_OBJECT
private slots:
    void showsItemsInWords()
    {
        ActionItemModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setToday(QDate(2026, 12, 1));
        QCOMPARE(model.rowCount(), 0);
        QVector<ActionItem> items{
            item("Alert on provider error rate", "lee", QDate(2026, 11, 28),
                 ActionItemStatus::Open),
            item("Runbook for failover", "", QDate(), ActionItemStatus::InProgress),
            item("Renew certificates automatically", "sam", QDate(2026, 11, 20),
                 ActionItemStatus::Done),
        };
        items[1].priority = ActionItemPriority::High;
        items[1].type = ActionItemType::Mitigate;
        model.setItems(QStringLiteral("i"), items);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ActionItemModel::ColumnCount));
        auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(0, ActionItemModel::DueColumn), QStringLiteral("2026-11-28 (overdue)"));
        QCOMPARE(text(0, ActionItemModel::StatusColumn), QStringLiteral("Open"));
        QCOMPARE(text(1, ActionItemModel::OwnerColumn), QStringLiteral("(unassigned)"));
        QCOMPARE(text(1, ActionItemModel::DueColumn), QStringLiteral("none"));
        QCOMPARE(text(1, ActionItemModel::PriorityColumn), QStringLiteral("High"));
        QCOMPARE(text(1, ActionItemModel::TypeColumn), QStringLiteral("Mitigate"));
        QCOMPARE(text(1, ActionItemModel::StatusColumn), QStringLiteral("In progress"));
        // A done item is not overdue, whatever its date.
        QCOMPARE(text(2, ActionItemModel::DueColumn), QStringLiteral("2026-11-20"));
        const QColor overdue = model.index(0, ActionItemModel::DueColumn)
                                   .data(Qt::ForegroundRole)
                                   .value<QBrush>()
                                   .color();
        QCOMPARE(overdue, QColor(0xff, 0x6b, 0x6b));
        QVERIFY(!model.index(1, ActionItemModel::DueColumn).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(1, 0).data(ActionItemModel::ItemIdRole).toString(), items[1].id);
        QCOMPARE(model.rowOf(items[2].id), 2);
        QCOMPARE(model.rowOf(QStringLiteral("nope")), -1);
        QCOMPARE(model.headerData(ActionItemModel::TitleColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Action item"));
        model.setItems(QStringLiteral("j"), {});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.incidentId(), QStringLiteral("j"));
    }
};

QTEST_GUILESS_MAIN(TestActionItemModel)
#include "tst_action_item_model.moc"
