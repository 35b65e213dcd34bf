<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="173" />
        <source>Ask something</source>
        <translation>Frag etwas</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="174" />
        <source>Type below and press Ctrl+Enter. The model's reasoning appears in the trace panel on the right while it thinks.</source>
        <translation>Schreib unten und drück Strg+Enter. Das Denken des Modells erscheint rechts im Denkspur-Bereich, während es nachdenkt.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="179" />
        <source>No model loaded yet</source>
        <translation>Noch kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="180" />
        <source>Denkspur runs DeepSeek-R1 distills on this computer, offline. Get a GGUF file (for example DeepSeek-R1-Distill-Qwen-1.5B, Q4_K_M, about 1.1 GB) and open it with &lt;b&gt;File → Open model file…&lt;/b&gt; or the button below.</source>
        <translation>Denkspur führt DeepSeek-R1-Distillate auf diesem Rechner aus, offline. Besorge eine GGUF-Datei (zum Beispiel DeepSeek-R1-Distill-Qwen-1.5B, Q4_K_M, etwa 1,1 GB) und öffne sie mit &lt;b&gt;Datei → Modelldatei öffnen…&lt;/b&gt; oder der Schaltfläche unten.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="209" />
        <source>Regenerate (keeps this version)</source>
        <translation>Neu erzeugen (diese Version bleibt erhalten)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="211" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="211" />
        <source>Copy answer</source>
        <translation>Antwort kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="213" />
        <source>Copy trace</source>
        <translation>Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="213" />
        <source>Copy the reasoning trace</source>
        <translation>Die Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="218" />
        <source>Edit and resend</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="225" />
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="227" />
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="233" />
        <source>The engine failed.</source>
        <translation>Die Engine ist ausgefallen.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="237" />
        <source>Restart engine</source>
        <translation>Engine neu starten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="244" />
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="245" />
        <source>New text (the replies after it are redone):</source>
        <translation>Neuer Text (die Antworten danach werden neu erzeugt):</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../app/denkspur/gui/compare_dialog.py" line="33" />
        <source>Compare traces</source>
        <translation>Denkspuren vergleichen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/compare_dialog.py" line="73" />
        <source>%1 steps vs %2 steps, %3 aligned</source>
        <translation>%1 Schritte gegen %2 Schritte, %3 zugeordnet</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="56" />
        <source>Ask the model… (Ctrl+Enter sends, Esc stops)</source>
        <translation>Frag das Modell… (Strg+Enter sendet, Esc stoppt)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="57" />
        <source>Answer now</source>
        <translation>Jetzt antworten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="58" />
        <source>End the reasoning here and make the model answer</source>
        <translation>Das Nachdenken hier beenden und das Modell antworten lassen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="59" />
        <location filename="../../app/denkspur/gui/composer.py" line="63" />
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/composer.py" line="59" />
        <location filename="../../app/denkspur/gui/composer.py" line="63" />
        <source>Send</source>
        <translation>Senden</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="62" />
        <source>Search answers and traces…</source>
        <translation>Antworten und Denkspuren durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="63" />
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="77" />
        <source>1 message</source>
        <translation>1 Nachricht</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="77" />
        <source>%1 messages</source>
        <translation>%1 Nachrichten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="88" />
        <source>trace</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="88" />
        <source>answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="93" />
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="103" />
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="104" />
        <source>Export as Markdown…</source>
        <translation>Als Markdown exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="106" />
        <source>Export as JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="109" />
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="113" />
        <source>Rename chat</source>
        <translation>Chat umbenennen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="113" />
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="118" />
        <source>Delete “%1” with all its answers and traces?</source>
        <translation>„%1“ mit allen Antworten und Denkspuren löschen?</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/conversation_list.py" line="119" />
        <source>Delete chat</source>
        <translation>Chat löschen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="159" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="160" />
        <source>Open model file…</source>
        <translation>Modelldatei öffnen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="161" />
        <source>Import conversation…</source>
        <translation>Unterhaltung importieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="162" />
        <source>Export conversation as Markdown…</source>
        <translation>Unterhaltung als Markdown exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="163" />
        <source>Export conversation as JSON…</source>
        <translation>Unterhaltung als JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="164" />
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="165" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="166" />
        <source>Reasoning trace panel</source>
        <translation>Denkspur-Bereich</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="167" />
        <source>Compare traces…</source>
        <translation>Denkspuren vergleichen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="168" />
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="169" />
        <source>Preferences…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="170" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="171" />
        <source>&amp;Engine</source>
        <translation>&amp;Engine</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="172" />
        <source>Restart engine</source>
        <translation>Engine neu starten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="173" />
        <source>Open a GGUF model file…</source>
        <translation>GGUF-Modelldatei öffnen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="208" />
        <source>Open model file</source>
        <translation>Modelldatei öffnen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="209" />
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="214" />
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="249" />
        <source>Reply %1, version %2 (%3)</source>
        <translation>Antwort %1, Version %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="253" />
        <source>Compare traces</source>
        <translation>Denkspuren vergleichen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="254" />
        <source>Regenerate an answer (⟳) to get a second trace to compare.</source>
        <translation>Erzeuge eine Antwort neu (⟳), um eine zweite Denkspur zum Vergleichen zu bekommen.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="265" />
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="272" />
        <source>Import conversation</source>
        <translation>Unterhaltung importieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="281" />
        <source>Open a model first (File → Open model file…).</source>
        <translation>Öffne zuerst ein Modell (Datei → Modelldatei öffnen…).</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="315" />
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="331" />
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="333" />
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/main_window.py" line="334" />
        <source>context %1</source>
        <translation>Kontext %1</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="86" />
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="86" />
        <source>Denkspur</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="88" />
        <source>generating…</source>
        <translation>wird erzeugt…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="89" />
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="90" />
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="91" />
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="96" />
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="102" />
        <source>(no answer yet: the model was still thinking)</source>
        <translation>(noch keine Antwort: das Modell dachte noch nach)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="109" />
        <source>thinking…</source>
        <translation>denkt nach…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/chat_view.py" line="116" />
        <source>answering…</source>
        <translation>antwortet…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="37" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="40" />
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="45" />
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="56" />
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="57" />
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="60" />
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="65" />
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="80" />
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="66" />
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="67" />
        <source>Context size (tokens)</source>
        <translation>Kontextgröße (Token)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="68" />
        <source>Temperature (R1: 0.6)</source>
        <translation>Temperatur (R1: 0,6)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="69" />
        <source>Top-p (R1: 0.95)</source>
        <translation>Top-p (R1: 0,95)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="70" />
        <source>GPU layers</source>
        <translation>GPU-Schichten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="71" />
        <source>Thinking budget (tokens)</source>
        <translation>Denkbudget (Token)</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/settings_dialog.py" line="72" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
</context>
<context>
    <name>StepKind</name>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="28" />
        <source>Reasoning</source>
        <translation>Überlegung</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="29" />
        <source>Self-correction</source>
        <translation>Selbstkorrektur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="30" />
        <source>Alternative</source>
        <translation>Alternative</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="31" />
        <source>Verification</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/step_style.py" line="32" />
        <source>Conclusion</source>
        <translation>Schluss</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="101" />
        <source>Copy trace</source>
        <translation>Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="102" />
        <source>Copy the whole reasoning trace</source>
        <translation>Die ganze Denkspur kopieren</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="115" />
        <location filename="../../app/denkspur/gui/trace_panel.py" line="140" />
        <source>Reasoning trace</source>
        <translation>Denkspur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="117" />
        <source>Select an answer to see how the model reached it.</source>
        <translation>Wähle eine Antwort, um zu sehen, wie das Modell zu ihr kam.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="118" />
        <source>This answer has no reasoning trace.</source>
        <translation>Diese Antwort hat keine Denkspur.</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="137" />
        <source>Stopped while thinking</source>
        <translation>Beim Nachdenken angehalten</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="139" />
        <location filename="../../app/denkspur/gui/trace_panel.py" line="228" />
        <source>Thought for %1 s</source>
        <translation>%1 s nachgedacht</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="144" />
        <source>1 step</source>
        <translation>1 Schritt</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="144" />
        <source>%1 steps</source>
        <translation>%1 Schritte</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="145" />
        <source>1 self-correction</source>
        <translation>1 Selbstkorrektur</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="146" />
        <source>%1 self-corrections</source>
        <translation>%1 Selbstkorrekturen</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="147" />
        <source>%1 trace tokens</source>
        <translation>%1 Denk-Token</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="148" />
        <source>%1 answer tokens</source>
        <translation>%1 Antwort-Token</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="152" />
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <location filename="../../app/denkspur/gui/trace_panel.py" line="232" />
        <source>Thinking… %1 s, %2 tokens</source>
        <translation>Denkt nach… %1 s, %2 Token</translation>
    </message>
</context>
</TS>