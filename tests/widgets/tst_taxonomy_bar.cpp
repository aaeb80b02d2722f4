// The taxonomy above the postmortem text, driven as a person would: the
// cause's category and service become the root cause's first line (which the
// Trends view reads back), contributing factor boxes add and remove their
// lines, typed lines tick the boxes, and every change can be undone.
#include "taxonomy_bar.h"
#include "trend_metrics.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QtTest>

using namespace wf;

class TestTaxonomyBar : public QObject {
    Q_OBJECT
private slots:
    void causeCategoryAndServiceAreTheFirstLine()
    {
        QPlainTextEdit editor;
        editor.setPlainText(QStringLiteral("The BIN table sent valid cards to a closed route."));
        TaxonomyBar bar(&editor);
        bar.setMode(TaxonomyBar::Mode::Cause);
        QCOMPARE(bar.causeBox()->currentData().toString(), QString());  // not chosen yet
        bar.causeBox()->setCurrentIndex(bar.causeBox()->findData(QStringLiteral("change")));
        QCOMPARE(editor.toPlainText(),
                 QStringLiteral("Cause: change.\nThe BIN table sent valid cards to a closed "
                                "route."));
        bar.serviceField()->setText(QStringLiteral("payments-api"));
        emit bar.serviceField()->editingFinished();
        const QString text = editor.toPlainText();
        QVERIFY2(text.startsWith(QStringLiteral("Cause: change. Service: payments-api.\nThe BIN")),
                 qPrintable(text));
        QString service;
        QCOMPARE(parseCause(text, &service), QStringLiteral("change"));
        QCOMPARE(service, QStringLiteral("payments-api"));
        // Another category replaces the line, it does not add one.
        bar.causeBox()->setCurrentIndex(bar.causeBox()->findData(QStringLiteral("configuration")));
        QCOMPARE(editor.toPlainText().count(QStringLiteral("Cause:")), 1);
        QCOMPARE(parseCause(editor.toPlainText()), QStringLiteral("configuration"));
        // Typed by hand: the box follows.
        editor.setPlainText(QStringLiteral("Cause: capacity. Service: cart-api.\nToo few pods."));
        QCOMPARE(bar.causeBox()->currentData().toString(), QStringLiteral("capacity"));
        QCOMPARE(bar.serviceField()->text(), QStringLiteral("cart-api"));
        // Not chosen: the line goes, the rest stays.
        bar.causeBox()->setCurrentIndex(0);
        QCOMPARE(editor.toPlainText(), QStringLiteral("Too few pods."));
        editor.undo();
        QCOMPARE(editor.toPlainText(),
                 QStringLiteral("Cause: capacity. Service: cart-api.\nToo few pods."));
        // Prose after the cause on its line stays; a blank line before it
        // (as parseCause allows) does not make a second cause line.
        editor.setPlainText(QStringLiteral("\nCause: data. Service: pricing. A bad file.\nMore."));
        QCOMPARE(bar.causeBox()->currentData().toString(), QStringLiteral("data"));
        bar.causeBox()->setCurrentIndex(bar.causeBox()->findData(QStringLiteral("process")));
        QCOMPARE(editor.toPlainText(),
                 QStringLiteral("\nCause: process. Service: pricing. A bad file.\nMore."));
    }

    void factorBoxesAddAndRemoveTheirLines()
    {
        QPlainTextEdit editor;
        editor.setPlainText(QStringLiteral("Found late."));
        TaxonomyBar bar(&editor);
        bar.setMode(TaxonomyBar::Mode::Factors);
        QCOMPARE(causeTaxonomy().size(), 7);
        for (const QString& key : causeTaxonomy())
            QVERIFY(bar.factorBox(key) && !bar.factorBox(key)->isChecked());
        bar.factorBox(QStringLiteral("monitoring gap"))->setChecked(true);
        QCOMPARE(editor.toPlainText(), QStringLiteral("Found late.\n- monitoring gap: "));
        QTest::keyClicks(&editor, QStringLiteral("no alert on 3DS timeouts"));
        bar.factorBox(QStringLiteral("process"))->setChecked(true);
        QTest::keyClicks(&editor, QStringLiteral("rollback needed two approvals"));
        QCOMPARE(parseFactors(editor.toPlainText()),
                 (QStringList{QStringLiteral("monitoring gap"), QStringLiteral("process")}));
        // Unticking removes that category's line only.
        bar.factorBox(QStringLiteral("monitoring gap"))->setChecked(false);
        QCOMPARE(editor.toPlainText(),
                 QStringLiteral("Found late.\n- process: rollback needed two approvals"));
        editor.undo();
        QVERIFY(editor.toPlainText().contains(QStringLiteral("- monitoring gap: no alert")));
        QVERIFY(bar.factorBox(QStringLiteral("monitoring gap"))->isChecked());
        // A line without a colon ticks its box, and unticking removes it.
        editor.setPlainText(QStringLiteral("- capacity\n- data: a bad price file"));
        QVERIFY(bar.factorBox(QStringLiteral("capacity"))->isChecked());
        bar.factorBox(QStringLiteral("capacity"))->setChecked(false);
        QCOMPARE(editor.toPlainText(), QStringLiteral("- data: a bad price file"));
        // A line typed by hand ticks its box; the last line removed leaves no stray break.
        editor.setPlainText(QStringLiteral("- data: a bad price file"));
        QVERIFY(bar.factorBox(QStringLiteral("data"))->isChecked());
        QVERIFY(!bar.factorBox(QStringLiteral("process"))->isChecked());
        bar.factorBox(QStringLiteral("data"))->setChecked(false);
        QCOMPARE(editor.toPlainText(), QString());
    }

    void hiddenOutsideItsSections()
    {
        QPlainTextEdit editor;
        TaxonomyBar bar(&editor);
        bar.setMode(TaxonomyBar::Mode::Hidden);
        QVERIFY(bar.isHidden());
        editor.setPlainText(QStringLiteral("Cause: change."));
        bar.factorBox(QStringLiteral("data"))->setChecked(true);  // not shown: writes nothing
        QCOMPARE(editor.toPlainText(), QStringLiteral("Cause: change."));
    }
};

QTEST_MAIN(TestTaxonomyBar)
#include "tst_taxonomy_bar.moc"
