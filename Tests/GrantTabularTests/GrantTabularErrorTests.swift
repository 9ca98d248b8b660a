import Testing
import GrantTabular
