# generated from ui/dialogs/representation_dialog.ui — do not edit (change the .ui file and run tools/compile_forms.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'representation_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_RepresentationDialog(object):
    def setupUi(self, RepresentationDialog):
        if not RepresentationDialog.objectName():
            RepresentationDialog.setObjectName(u"RepresentationDialog")
        RepresentationDialog.resize(1000, 680)
        self.verticalLayout = QVBoxLayout(RepresentationDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.topLayout = QHBoxLayout()
        self.topLayout.setObjectName(u"topLayout")
        self.committeeLabel = QLabel(RepresentationDialog)
        self.committeeLabel.setObjectName(u"committeeLabel")

        self.topLayout.addWidget(self.committeeLabel)

        self.committeeCombo = QComboBox(RepresentationDialog)
        self.committeeCombo.setObjectName(u"committeeCombo")
        self.committeeCombo.setMinimumContentsLength(28)
        self.committeeCombo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)

        self.topLayout.addWidget(self.committeeCombo)

        self.topSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.topLayout.addItem(self.topSpacer)

        self.membersLabel = QLabel(RepresentationDialog)
        self.membersLabel.setObjectName(u"membersLabel")
        self.membersLabel.setStyleSheet(u"font-size: 14pt; font-weight: bold;")

        self.topLayout.addWidget(self.membersLabel)


        self.verticalLayout.addLayout(self.topLayout)

        self.missedLabel = QLabel(RepresentationDialog)
        self.missedLabel.setObjectName(u"missedLabel")
        self.missedLabel.setWordWrap(True)
        self.missedLabel.setTextFormat(Qt.RichText)

        self.verticalLayout.addWidget(self.missedLabel)

        self.groupBox = QGroupBox(RepresentationDialog)
        self.groupBox.setObjectName(u"groupBox")
        self.groupLayout = QVBoxLayout(self.groupBox)
        self.groupLayout.setObjectName(u"groupLayout")
        self.groupTable = QTableWidget(self.groupBox)
        self.groupTable.setObjectName(u"groupTable")
        self.groupTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.groupTable.setSelectionMode(QAbstractItemView.NoSelection)
        self.groupTable.setWordWrap(False)

        self.groupLayout.addWidget(self.groupTable)

        self.groupNoteLabel = QLabel(self.groupBox)
        self.groupNoteLabel.setObjectName(u"groupNoteLabel")
        self.groupNoteLabel.setWordWrap(True)
        self.groupNoteLabel.setStyleSheet(u"color: palette(placeholder-text);")

        self.groupLayout.addWidget(self.groupNoteLabel)


        self.verticalLayout.addWidget(self.groupBox)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.schoolBox = QGroupBox(RepresentationDialog)
        self.schoolBox.setObjectName(u"schoolBox")
        self.schoolLayout = QVBoxLayout(self.schoolBox)
        self.schoolLayout.setObjectName(u"schoolLayout")
        self.schoolTable = QTableWidget(self.schoolBox)
        self.schoolTable.setObjectName(u"schoolTable")
        self.schoolTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.schoolTable.setSelectionMode(QAbstractItemView.NoSelection)
        self.schoolTable.setWordWrap(False)

        self.schoolLayout.addWidget(self.schoolTable)


        self.bottomLayout.addWidget(self.schoolBox)

        self.languageBox = QGroupBox(RepresentationDialog)
        self.languageBox.setObjectName(u"languageBox")
        self.languageLayout = QVBoxLayout(self.languageBox)
        self.languageLayout.setObjectName(u"languageLayout")
        self.languageTable = QTableWidget(self.languageBox)
        self.languageTable.setObjectName(u"languageTable")
        self.languageTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.languageTable.setSelectionMode(QAbstractItemView.NoSelection)
        self.languageTable.setWordWrap(False)

        self.languageLayout.addWidget(self.languageTable)


        self.bottomLayout.addWidget(self.languageBox)

        self.termsBox = QGroupBox(RepresentationDialog)
        self.termsBox.setObjectName(u"termsBox")
        self.termsLayout = QVBoxLayout(self.termsBox)
        self.termsLayout.setObjectName(u"termsLayout")
        self.termsTable = QTableWidget(self.termsBox)
        self.termsTable.setObjectName(u"termsTable")
        self.termsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.termsTable.setSelectionMode(QAbstractItemView.NoSelection)
        self.termsTable.setWordWrap(False)

        self.termsLayout.addWidget(self.termsTable)


        self.bottomLayout.addWidget(self.termsBox)

        self.bottomLayout.setStretch(0, 4)
        self.bottomLayout.setStretch(1, 3)
        self.bottomLayout.setStretch(2, 5)

        self.verticalLayout.addLayout(self.bottomLayout)

        self.errorLabel = QLabel(RepresentationDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b00020; font-weight: bold;")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(RepresentationDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.committeeLabel.setBuddy(self.committeeCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.committeeCombo, self.groupTable)
        QWidget.setTabOrder(self.groupTable, self.schoolTable)
        QWidget.setTabOrder(self.schoolTable, self.languageTable)
        QWidget.setTabOrder(self.languageTable, self.termsTable)

        self.retranslateUi(RepresentationDialog)
        self.buttonBox.rejected.connect(RepresentationDialog.reject)

        QMetaObject.connectSlotsByName(RepresentationDialog)
    # setupUi

    def retranslateUi(self, RepresentationDialog):
        RepresentationDialog.setWindowTitle(QCoreApplication.translate("RepresentationDialog", u"Who is at the table", None))
        self.committeeLabel.setText(QCoreApplication.translate("RepresentationDialog", u"&Committee", None))
        self.groupBox.setTitle(QCoreApplication.translate("RepresentationDialog", u"By stakeholder group", None))
        self.groupNoteLabel.setText(QCoreApplication.translate("RepresentationDialog", u"Shares count active members. Set a target share for a group to see whether the committee meets it; \u201cNo target\u201d leaves it unset.", None))
        self.schoolBox.setTitle(QCoreApplication.translate("RepresentationDialog", u"By school or organization", None))
        self.languageBox.setTitle(QCoreApplication.translate("RepresentationDialog", u"By language spoken", None))
#if QT_CONFIG(tooltip)
        self.languageBox.setToolTip(QCoreApplication.translate("RepresentationDialog", u"A member who speaks several languages counts under each, so the shares add up to more than 100%.", None))
#endif // QT_CONFIG(tooltip)
        self.termsBox.setTitle(QCoreApplication.translate("RepresentationDialog", u"Terms ending in the next 90 days", None))
    # retranslateUi

