# Build the Windows bundle and installer (CI: windows-latest). Needs Inno Setup (iscc) on PATH.
#   powershell -File packaging/windows/build.ps1 -Variant cpu
param([string]$Variant = "cpu", [string]$Python = "python")
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
New-Item -ItemType Directory -Force build | Out-Null
& $Python -c "from PIL import Image; Image.open('resources/icons/denkspur-256.png').save('build/denkspur.ico', sizes=[(16,16),(32,32),(48,48),(64,64),(128,128),(256,256)])"
& $Python -m PyInstaller --noconfirm --distpath dist --workpath build\pyi packaging\denkspur.spec
$version = & $Python -c "import denkspur; print(denkspur.__version__)"
$env:QT_QPA_PLATFORM = "offscreen"
& dist\denkspur\denkspur.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "self-test of the bundle failed" }
iscc /DAppVersion=$version /DVariant=$Variant /DSourceDir=..\..\dist\denkspur packaging\windows\denkspur.iss
# Install per user, silently, into a scratch folder and self-test the installed copy.
$target = Join-Path $env:RUNNER_TEMP "denkspur-install"
Start-Process -Wait -FilePath "dist\Denkspur-$version-$Variant-setup.exe" -ArgumentList "/VERYSILENT", "/CURRENTUSER", "/DIR=$target"
& "$target\denkspur.exe" --self-test
if ($LASTEXITCODE -ne 0) { throw "self-test of the installed app failed" }
