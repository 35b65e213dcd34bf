<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CompareDialog</name>
    <message numerus="yes">
        <source>%1 vs %2, %n aligned</source>
        <translation>
            <numerusform>%1 vs %2, %n aligned</numerusform>
            <numerusform>%1 vs %2, %n aligned</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Both begin the same (%Ln character(s)), then diverge below:</source>
        <translation>
            <numerusform>Both begin the same (%Ln character), then diverge below:</numerusform>
            <numerusform>Both begin the same (%Ln characters), then diverge below:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message numerus="yes">
        <source>If it answered now (after %Ln thinking token(s)):</source>
        <translation>
            <numerusform>If it answered now (after %Ln thinking token):</numerusform>
            <numerusform>If it answered now (after %Ln thinking tokens):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message numerus="yes">
        <source>continued version %1 differently after %Ln character(s) of its trace</source>
        <translation>
            <numerusform>continued version %1 differently after %Ln character of its trace</numerusform>
            <numerusform>continued version %1 differently after %Ln characters of its trace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>budget %Ln token(s)</source>
        <translation>
            <numerusform>budget %Ln token</numerusform>
            <numerusform>budget %Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>thinking cut at the budget (%Ln token(s))</source>
        <translation>
            <numerusform>thinking cut at the budget (%Ln token)</numerusform>
            <numerusform>thinking cut at the budget (%Ln tokens)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemoteDialog</name>
    <message numerus="yes">
        <source>%n model(s) on the server</source>
        <translation>
            <numerusform>%n model on the server</numerusform>
            <numerusform>%n models on the server</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message numerus="yes">
        <source>%Ln step(s)</source>
        <translation>
            <numerusform>%Ln step</numerusform>
            <numerusform>%Ln steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln self-correction(s)</source>
        <translation>
            <numerusform>%Ln self-correction</numerusform>
            <numerusform>%Ln self-corrections</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace token(s)</source>
        <translation>
            <numerusform>%Ln trace token</numerusform>
            <numerusform>%Ln trace tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln answer token(s)</source>
        <translation>
            <numerusform>%Ln answer token</numerusform>
            <numerusform>%Ln answer tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnsavedBar</name>
    <message numerus="yes">
        <source>%n reply(s) could not be saved and are kept in memory only.</source>
        <translation>
            <numerusform>%n reply could not be saved and is kept in memory only.</numerusform>
            <numerusform>%n replies could not be saved and are kept in memory only.</numerusform>
        </translation>
    </message>
</context>
</TS>
