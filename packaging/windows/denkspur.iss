; Inno Setup script: per-user install of the PyInstaller bundle (no admin rights needed).
;
;   iscc /DAppVersion=0.1.0 /DVariant=cpu /DSourceDir=..\..\dist\denkspur packaging\windows\denkspur.iss
;
; Start-menu entry, optional desktop icon, uninstaller; runs the self-test after installing when
; /DSelfTest is given (CI does).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef Variant
  #define Variant "cpu"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\denkspur"
#endif

[Setup]
AppId={{8C3A6F2E-5D3B-4E4B-9B51-2D5E0B7A9C11}
AppName=Denkspur
AppVersion={#AppVersion}
AppPublisher=Denkspur contributors
AppPublisherURL=https://github.com/denkspur/denkspur
DefaultDirName={localappdata}\Programs\Denkspur
DefaultGroupName=Denkspur
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
OutputBaseFilename=Denkspur-{#AppVersion}-{#Variant}-setup
OutputDir=..\..\dist
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern
SetupIconFile=..\..\build\denkspur.ico
UninstallDisplayIcon={app}\denkspur.exe
ArchitecturesInstallIn64BitMode=x64compatible
ArchitecturesAllowed=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Denkspur"; Filename: "{app}\denkspur.exe"
Name: "{group}\{cm:UninstallProgram,Denkspur}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Denkspur"; Filename: "{app}\denkspur.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\denkspur.exe"; Description: "{cm:LaunchProgram,Denkspur}"; Flags: nowait postinstall skipifsilent
