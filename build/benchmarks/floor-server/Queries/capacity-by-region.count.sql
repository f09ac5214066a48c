select count(*) from ror.fhir_search_token t
where t.resource_type = 'Location' and t.param = '_tag' and t.system = 'https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM' and t.code = @region
